import { setupServer } from 'msw/node';

// No default handlers: each test declares the responses it depends on with server.use(),
// and any request it did not expect fails the test (onUnhandledRequest: "error").
export const server = setupServer();
