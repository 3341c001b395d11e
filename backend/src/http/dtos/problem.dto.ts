/** RFC 9457 problem details, as every error of this API is answered (application/problem+json). */
export interface Problem {
  /** Stable URI of the problem type: `urn:parley:problem:<code>`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable machine-readable code; branch on this. */
  code: string;
  /** Also in the X-Request-Id header and on every log line of the request. */
  requestId?: string;
  /** On 422 `validation_failed`: one entry per broken field rule. */
  errors?: FieldErrorDto[];
}

export interface FieldErrorDto {
  /** The field as sent, e.g. `content` or `params.temperature`. */
  path: string;
  message: string;
}
