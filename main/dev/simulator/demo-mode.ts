import { raiseApprovals } from './sim-control-routes';
import type { SimulatorState } from './simulator-state';

const DEMO_TOOLS = [
  {
    tool_name: 'palyra.process.run',
    title: 'Run `git pull` in ~/projects/palyra',
    risk_level: 'medium' as const,
    input_json: { command: 'git', args: ['pull', '--ff-only'], cwd: '~/projects/palyra', timeout_ms: 60000 },
  },
  {
    tool_name: 'palyra.browser.navigate',
    title: 'Open https://status.example.com',
    risk_level: 'low' as const,
    input_json: { url: 'https://status.example.com', wait_until: 'load' },
  },
  {
    tool_name: 'palyra.fs.write',
    title: 'Write ~/notes/standup.md',
    risk_level: 'high' as const,
    input_json: {
      path: '~/notes/standup.md',
      content:
        '# Stand-up\n\n- Shipped the approvals inbox\n- Reviewing the release checklist\n- Blocked on staging credentials (api_key rotated)\n',
      create_dirs: true,
    },
  },
];

/** PALYRA_SIM_DEMO=1: a couple of chats to look at and an approval arriving every ~45 s. */
export function startDemoMode(state: SimulatorState, intervalMs: number): () => void {
  const context = {
    principal: state.config.boundPrincipal ?? 'admin:desktop-control-center',
    deviceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    channel: null,
  };
  const seeds = [
    {
      label: 'Release checklist',
      user: 'What is left before the 0.2 release?',
      reply: 'What is left before the 0.2 release?',
    },
    { label: 'Daily summary', user: 'Summarise yesterday’s runs', reply: 'Summarise yesterday’s runs' },
  ];
  // Seeded once: after a restart the journal already holds them.
  for (const seed of state.chats.size === 0 ? seeds : []) {
    const session = state.chats.create(context, { label: seed.label });
    // What palyrad's tape holds for a console run: no copy of the user's text, the reply.
    const run = state.chats.startRun(context, session.session_id, state.ids.next(), '');
    state.chats.append(run, 'message.replied', { reply_text: seed.reply });
    state.chats.finishRun(run, 'done', null);
    session.preview = seed.reply;
    session.last_run_id = run.run_id;
    session.last_run_state = 'done';
  }
  let next = 0;
  const raiseOne = (): void => {
    const tool = DEMO_TOOLS[next % DEMO_TOOLS.length]!;
    next += 1;
    raiseApprovals(state, { ...tool, timeout_seconds: 120 });
    state.log.info('demo approval raised', { tool_name: tool.tool_name });
  };
  raiseOne();
  const timer = setInterval(raiseOne, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
