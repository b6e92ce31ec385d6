/**
 * `npm run demo`: starts the embedded tenant emulator and runs the action's
 * main job against it the way the GitHub runner would, showing its log, its
 * outputs, its job summary and the requests the tenant received.
 */
import { startEmulator } from '../emulator/index.js'
import { cleanup, runAction } from '../tools/local-runner.js'

const RESTART_MS = 3000

async function demo(): Promise<number> {
  const emulator = await startEmulator({ restartMs: RESTART_MS })
  try {
    console.log(`Tenant emulator: lower ${emulator.lower.url}, upper ${emulator.upper.url}`)
    console.log(`Running: operation=restart against the upper tenant (an emulated restart takes ${RESTART_MS / 1000} s)\n`)
    const run = await runAction({
      inputs: {
        operation: 'restart',
        'tenant-url': emulator.upper.url,
        'service-account-id': emulator.serviceAccount.id,
        'service-account-key': emulator.serviceAccount.privateJwk,
        'poll-interval': '0.5',
        'restart-timeout': '60'
      },
      echo: true
    })
    console.log(`\nExit code: ${run.main.exitCode}`)
    console.log('Outputs:', JSON.stringify(run.main.outputs))
    console.log(`Job summary:\n${run.main.summary}`)
    console.log('Requests the tenant received:')
    for (const entry of emulator.log)
      console.log(
        `  ${entry.tenant.padEnd(5)} ${entry.method.padEnd(6)} ${entry.path}${entry.query ? `?${entry.query.replace(/^\?/, '')}` : ''} -> ${entry.status}`
      )
    cleanup(run)
    return run.main.exitCode ?? 1
  } finally {
    await emulator.close()
  }
}

demo().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
