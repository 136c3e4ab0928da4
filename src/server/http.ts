// Small HTTP helpers the routes share: the project of a URL, versions from If-Match or the
// body, ETags, and the shared parameter schemas.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { keySchema } from '../domain/document.js';
import { PunchlistError } from '../domain/errors.js';
import type { Project } from '../domain/model.js';
import type { StoreSession } from '../domain/ports.js';
import { requireProject } from '../services/projects.js';
import { StaleWrite } from './errors.js';

export const projectParams = z.object({ project: keySchema });
export const issueParams = projectParams.extend({ key: keySchema });
export const versionField = z.number().int().positive().optional().describe('the version you read (or send If-Match)');

export const loadProject = (session: StoreSession, request: { params: { project: string } }): Promise<Project> =>
  requireProject(session, request.params.project);

/** The version a write was based on: `If-Match: "3"` or `version` in the body. */
export function expectedVersion(request: FastifyRequest, bodyVersion?: number, required = true): number | undefined {
  const header = request.headers['if-match'];
  if (header !== undefined) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (!match) throw new PunchlistError('bad_input', 'If-Match: expected the ETag you read, e.g. "3"');
    return Number(match[1]);
  }
  if (bodyVersion !== undefined) return bodyVersion;
  if (required) throw new PunchlistError('version_required', 'version: send If-Match with the ETag you read, or "version" in the body, so a change you never saw is not overwritten');
  return undefined;
}

export const withEtag = <T extends { version: number }>(reply: FastifyReply, resource: T): T => {
  void reply.header('etag', `"${resource.version}"`);
  return resource;
};

/** Runs a write; when it was stale, answers 409 with the resource as it is now. */
export async function orCurrent<T>(write: Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof PunchlistError && error.code === 'conflict') throw new StaleWrite(error.message, await current().catch(() => null));
    throw error;
  }
}
