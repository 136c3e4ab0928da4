// The parts of SARIF 2.1.0 we read, as zod schemas: loose (tools add properties everywhere) but
// typed, so a result with a string where a number belongs is refused, not half-read.
import { z } from 'zod';

const message = z.looseObject({
  text: z.string().optional(),
  markdown: z.string().optional(),
  id: z.string().optional(),
  arguments: z.array(z.string()).optional(),
});

const properties = z.record(z.string(), z.unknown()).optional();

const artifactLocation = z.looseObject({
  uri: z.string().optional(),
  uriBaseId: z.string().optional(),
  index: z.number().int().optional(),
});

export const sarifRuleSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  defaultConfiguration: z.looseObject({ level: z.string().optional() }).optional(),
  messageStrings: z.record(z.string(), z.looseObject({ text: z.string().optional() })).optional(),
  shortDescription: message.optional(),
  properties,
});

export const sarifToolSchema = z.looseObject({
  driver: z.looseObject({
    name: z.string(),
    rules: z.array(sarifRuleSchema).optional(),
  }),
});

export const sarifBasesSchema = z.record(z.string(), z.looseObject({ uri: z.string().optional() }));

export const sarifResultSchema = z.looseObject({
  ruleId: z.string().optional(),
  ruleIndex: z.number().int().optional(),
  rule: z.looseObject({ id: z.string().optional(), index: z.number().int().optional() }).optional(),
  kind: z.string().optional(),
  level: z.string().optional(),
  message,
  locations: z
    .array(
      z.looseObject({
        physicalLocation: z
          .looseObject({
            artifactLocation: artifactLocation.optional(),
            region: z.looseObject({ startLine: z.number().optional(), startColumn: z.number().optional() }).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  fingerprints: z.record(z.string(), z.string()).optional(),
  partialFingerprints: z.record(z.string(), z.string()).optional(),
  suppressions: z.array(z.looseObject({ kind: z.string().optional(), status: z.string().optional() })).optional(),
  properties,
});

export type SarifRule = z.infer<typeof sarifRuleSchema>;
export type SarifTool = z.infer<typeof sarifToolSchema>;
export type SarifResult = z.infer<typeof sarifResultSchema>;
export type SarifBases = z.infer<typeof sarifBasesSchema>;
