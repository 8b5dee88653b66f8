// The agent registry, reduced to what a fresh palyrad needs before console chat works: list the
// agents and create one as the default (crates/palyra-daemon/src/transport/http/handlers/console/agents.rs).
import { z } from 'zod';
import { apiErrors } from './api-error';
import { authorize } from './auth-routes';
import { readJson } from './http-io';
import type { Reply, Route, RouteRequest } from './simulator-state';

const createBody = z
  .object({
    agent_id: z.string(),
    display_name: z.string(),
    set_default: z.boolean().optional(),
  })
  .passthrough();

interface AgentRecord {
  agent_id: string;
  display_name: string;
  default_model_profile: string;
  created_at_unix_ms: number;
  updated_at_unix_ms: number;
}

const agents = new WeakMap<object, { list: AgentRecord[]; defaultId: string | null }>();

function registry(r: RouteRequest): { list: AgentRecord[]; defaultId: string | null } {
  let found = agents.get(r.state);
  if (!found) {
    found = { list: [], defaultId: null };
    agents.set(r.state, found);
  }
  return found;
}

async function list(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  const reg = registry(r);
  return {
    status: 200,
    body: {
      contract: { contract_version: 'control-plane.v1' },
      agents: reg.list,
      execution_backends: [],
      default_agent_id: reg.defaultId,
      page: { limit: 100, returned: reg.list.length, has_more: false },
    },
  };
}

async function create(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  const body = await readJson(r.req, createBody);
  const reg = registry(r);
  const id = body.agent_id.trim().toLowerCase();
  if (id === '') throw apiErrors.invalid('agent_id cannot be empty', 'agent_id');
  if (reg.list.some((a) => a.agent_id === id)) throw apiErrors.conflict(`agent already exists: ${id}`);
  const now = Date.now();
  const agent = {
    agent_id: id,
    display_name: body.display_name,
    default_model_profile: 'deterministic',
    created_at_unix_ms: now,
    updated_at_unix_ms: now,
  };
  reg.list.push(agent);
  const previous = reg.defaultId;
  if (body.set_default === true || previous === null) reg.defaultId = id;
  return {
    status: 200,
    body: {
      contract: { contract_version: 'control-plane.v1' },
      agent,
      default_changed: reg.defaultId !== previous,
      default_agent_id: reg.defaultId,
    },
  };
}

export const agentRoutes: Route[] = [
  { method: 'GET', pattern: /^\/console\/v1\/agents$/, handler: list },
  { method: 'POST', pattern: /^\/console\/v1\/agents$/, handler: create },
];
