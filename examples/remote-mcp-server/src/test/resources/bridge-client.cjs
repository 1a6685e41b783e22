// The official TypeScript SDK's stdio client, launching `mcp-secrets bridge` the way an MCP client does.
// Usage: node bridge-client.cjs NODE_MODULES_DIR COMMAND [ARGS...]
// Prints one JSON line per step; waits for one line on stdin after printing the bridge's pid, so the
// test can read /proc/<pid>/cmdline while the bridge runs.
const path = require('path');
const readline = require('readline');
const { createRequire } = require('module');
const sdk = createRequire(path.join(process.argv[2], 'noop.js'));
const { Client } = sdk('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = sdk('@modelcontextprotocol/sdk/client/stdio.js');

const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');

async function main() {
  const transport = new StdioClientTransport({
    command: process.argv[3], args: process.argv.slice(4), env: { ...process.env }, stderr: 'pipe',
  });
  let bridgeStderr = '';
  const client = new Client({ name: 'bridge-e2e', version: '1.0.0' });
  const connecting = client.connect(transport);
  transport.stderr.on('data', (d) => { bridgeStderr += d.toString(); });
  await connecting;
  out({ step: 'initialize', server: client.getServerVersion(), protocol: transport._protocolVersion ?? null });
  out({ step: 'pid', pid: transport.pid });
  await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once('line', resolve));
  const tools = await client.listTools();
  out({ step: 'tools/list', tools: tools.tools.map((t) => t.name) });
  const result = await client.callTool({ name: 'echo', arguments: { text: 'hello through the bridge' } });
  out({ step: 'tools/call', result });
  await client.close();
  out({ step: 'closed', stderr: bridgeStderr });
  process.exit(0);
}

main().catch((e) => { out({ step: 'error', message: String(e && e.message || e) }); process.exit(1); });
