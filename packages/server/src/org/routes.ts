import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CloseOrgUnitBody,
  CreateOrgUnitBody,
  MergeOrgUnitBody,
  MoveOrgUnitBody,
  OrgRef,
  OrgUnit,
  OrgUnitList,
  OrgUnitsQuery,
  OrgUnitWithAncestors,
  RenameOrgUnitBody,
} from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { closeUnit, createUnit, getUnit, listUnits, mergeUnit, moveUnit, renameUnit } from './service.js';

const Params = z.strictObject({ idOrCode: OrgRef });

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/org-units',
    {
      schema: {
        tags: ['org'],
        summary: 'Org units in the caller’s subtree: children of `parent`, by `kind`, accent-insensitive `q`',
        querystring: OrgUnitsQuery,
        response: { 200: OrgUnitList },
      },
    },
    async (req) => listUnits(app.db, requireActor(req), req.query),
  );
  app.get(
    '/api/org-units/:idOrCode',
    {
      schema: {
        tags: ['org'],
        summary: 'One org unit (by UUID or code) with its visible ancestors',
        params: Params,
        response: { 200: OrgUnitWithAncestors },
      },
    },
    async (req) => getUnit(app.db, requireActor(req), req.params.idOrCode),
  );
  app.post(
    '/api/org-units',
    {
      schema: {
        tags: ['org'],
        summary: 'Create an org unit under a parent in scope (admin)',
        body: CreateOrgUnitBody,
        response: { 201: OrgUnit },
      },
    },
    async (req, reply) => reply.status(201).send(await createUnit(app.db, requireActor(req), req.body)),
  );
  app.patch(
    '/api/org-units/:idOrCode',
    {
      schema: {
        tags: ['org'],
        summary: 'Rename (admin; needs the current version)',
        params: Params,
        body: RenameOrgUnitBody,
        response: { 200: OrgUnit },
      },
    },
    async (req) => renameUnit(app.db, requireActor(req), req.params.idOrCode, req.body),
  );
  app.post(
    '/api/org-units/:idOrCode/move',
    {
      schema: {
        tags: ['org'],
        summary: 'Move under another parent with the whole subtree (admin)',
        params: Params,
        body: MoveOrgUnitBody,
        response: { 200: OrgUnit },
      },
    },
    async (req) => moveUnit(app.db, requireActor(req), req.params.idOrCode, req.body),
  );
  app.post(
    '/api/org-units/:idOrCode/close',
    {
      schema: {
        tags: ['org'],
        summary: 'Close: set valid_to (admin)',
        params: Params,
        body: CloseOrgUnitBody,
        response: { 200: OrgUnit },
      },
    },
    async (req) => closeUnit(app.db, requireActor(req), req.params.idOrCode, req.body),
  );
  app.post(
    '/api/org-units/:idOrCode/merge',
    {
      schema: {
        tags: ['org'],
        summary: 'Merge into a successor: closes the unit and keeps its history under the successor (admin)',
        params: Params,
        body: MergeOrgUnitBody,
        response: { 200: OrgUnit },
      },
    },
    async (req) => mergeUnit(app.db, requireActor(req), req.params.idOrCode, req.body),
  );
};
