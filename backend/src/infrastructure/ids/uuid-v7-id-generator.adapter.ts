import { v7 } from 'uuid';
import type { IdGenerator } from '../../application/ports/id-generator.port.js';

export class UuidV7IdGenerator implements IdGenerator {
  next(): string {
    return v7();
  }
}
