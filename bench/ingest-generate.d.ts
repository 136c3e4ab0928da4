export interface GenerateOptions {
  results: number;
  rules?: number;
  files?: number;
  seed?: number;
}
export function sarifChunks(options: GenerateOptions): Generator<string>;
export function generateSarif(options: GenerateOptions): string;
export function writeSarif(path: string, options: GenerateOptions): Promise<void>;
