import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChildMatrix,
  ChildMatrixQuery,
  DashboardResponse,
  ExplainQuery,
  ExplainResponse,
  IndicatorsQuery,
  IndicatorsResponse,
  PivotQuery,
  PivotResponse,
} from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { pivot } from './pivot.js';
import { computeChildMatrix, computeDashboard, computeIndicators, explainIndicator } from './service.js';

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Indicators of the targets that apply to a unit (default: the caller’s unit, this year)',
        querystring: IndicatorsQuery,
        response: { 200: IndicatorsResponse },
      },
    },
    async (req) =>
      computeIndicators(
        app.db,
        {
          org: req.query.org,
          period: req.query.period,
          planId: req.query.plan,
          targetIds: req.query.target ? [req.query.target] : undefined,
        },
        requireActor(req),
      ),
  );
  app.get(
    '/api/indicators/children',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Child units × targets (drill-down)',
        querystring: ChildMatrixQuery,
        response: { 200: ChildMatrix },
      },
    },
    async (req) =>
      computeChildMatrix(
        app.db,
        { org: req.query.org, period: req.query.period, planId: req.query.plan },
        requireActor(req),
      ),
  );
  app.get(
    '/api/indicators/dashboard',
    {
      schema: {
        tags: ['indicators'],
        summary: 'A unit’s dashboard in one call: its cards and its child units × targets',
        querystring: ChildMatrixQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (req) =>
      computeDashboard(
        app.db,
        { org: req.query.org, period: req.query.period, planId: req.query.plan },
        requireActor(req),
      ),
  );
  app.get(
    '/api/indicators/pivot',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Pivot of activity measures or indicator values',
        querystring: PivotQuery,
        response: { 200: PivotResponse },
      },
    },
    async (req) => pivot(app.db, req.query, requireActor(req)),
  );
  app.get(
    '/api/indicators/explain',
    {
      schema: {
        tags: ['indicators'],
        summary: 'The activities and units behind one indicator',
        querystring: ExplainQuery,
        response: { 200: ExplainResponse },
      },
    },
    async (req) => explainIndicator(app.db, req.query, requireActor(req)),
  );
};
