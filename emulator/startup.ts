/**
 * The restart state machine: ready -> restarting (for restartMs) -> ready.
 * Completing a restart loads what was written before it began; what is
 * written while it runs stays pending, as on a real rollout that has already
 * read its configuration.
 */
import type { RestartStatusResponse } from '../src/tenant/types.js'
import { versioned } from './esv-protocol.js'
import { requiredAction } from './esv-validate.js'
import { ApiError, json } from './respond.js'
import type { Route } from './router.js'
import { ESV_READ, ESV_RESTART } from './scopes.js'
import type { RestartSnapshot, TenantState } from './state.js'

/** `conflict`: 409 "Restart already in progress"; `join`: 200 `restarting`, the running restart continues. */
export type RestartWhileRestarting = 'conflict' | 'join'

export class RestartController {
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly state: TenantState,
    private restartMs: number,
    /** What `POST ?_action=restart` answers while a restart runs: 409 (default) or 200 `restarting`, joining it. */
    readonly whileRestarting: RestartWhileRestarting = 'conflict'
  ) {}

  setRestartMs(ms: number): void {
    this.restartMs = ms
  }

  /**
   * A restart requested while one runs joins the running one and does not
   * extend it: the tenant keeps one rollout at a time, and the caller only
   * needs to poll until ready.
   */
  begin(now: number): void {
    this.settle(now)
    if (this.state.restart.status === 'restarting') return
    this.state.restart = {
      status: 'restarting',
      startedAt: now,
      readyAt: now + this.restartMs,
      completed: this.state.restart.completed,
      snapshot: takeSnapshot(this.state)
    }
    // The timer completes the restart even when nobody polls; unref so an idle emulator never holds the process.
    this.timer = setTimeout(() => this.complete(), this.restartMs)
    this.timer.unref()
  }

  /** Completes a restart whose time is up (a poll may arrive just before the timer fires). */
  settle(now: number): void {
    const { status, readyAt } = this.state.restart
    if (status === 'restarting' && readyAt !== null && now >= readyAt) this.complete()
  }

  close(): void {
    clearTimeout(this.timer)
  }

  private complete(): void {
    clearTimeout(this.timer)
    const { restart } = this.state
    if (restart.status !== 'restarting') return
    if (restart.snapshot) applySnapshot(this.state, restart.snapshot)
    this.state.restart = { ...restart, status: 'ready', snapshot: null, completed: restart.completed + 1 }
  }
}

function takeSnapshot(state: TenantState): RestartSnapshot {
  const secrets: RestartSnapshot['secrets'] = new Map()
  for (const secret of state.secrets.values()) {
    const enabledVersions = new Set(secret.versions.filter((v) => v.status === 'ENABLED').map((v) => v.version))
    secrets.set(secret._id, { activeVersion: secret.activeVersion, enabledVersions })
  }
  return { writeSeq: state.writeSeq, secrets }
}

function applySnapshot(state: TenantState, snapshot: RestartSnapshot): void {
  for (const variable of state.variables.values()) {
    if (variable.changeSeq <= snapshot.writeSeq) variable.loaded = true
  }
  for (const secret of state.secrets.values()) {
    const loaded = snapshot.secrets.get(secret._id)
    if (!loaded) continue // created while the restart ran
    secret.loadedVersion = loaded.activeVersion
    for (const version of secret.versions) {
      // A version destroyed meanwhile has no value left to load.
      version.loaded = loaded.enabledVersions.has(version.version) && version.status !== 'DESTROYED'
    }
    if (secret.changeSeq <= snapshot.writeSeq) secret.loaded = true
  }
}

export function startupRoutes(restart: RestartController, state: TenantState): Route[] {
  const status = (): RestartStatusResponse => ({ restartStatus: state.restart.status })
  return [
    {
      method: 'GET',
      path: '/environment/startup',
      scopes: ESV_READ,
      handle: versioned(({ now }) => {
        restart.settle(now)
        return json(200, status())
      })
    },
    {
      method: 'POST',
      path: '/environment/startup',
      scopes: ESV_RESTART,
      handle: versioned(({ query, now }) => {
        requiredAction(query, 'restart')
        restart.settle(now)
        // Unknown what a real tenant answers while restarting: by default the harder answer, a 409.
        if (state.restart.status === 'restarting' && restart.whileRestarting === 'conflict')
          throw new ApiError(409, 'Restart already in progress')
        restart.begin(now)
        return json(200, status())
      })
    }
  ]
}
