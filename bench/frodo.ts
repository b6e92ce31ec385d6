/**
 * The baseline: @rockcarver/frodo-lib, the library behind the most used
 * Identity Cloud CLI, writing the same ESVs through its public API against the
 * same emulated tenant. Loaded with createRequire: its ESM build fails on Node 20.
 */
import { createRequire } from 'node:module'
import type { Emulator } from '../emulator/index.js'
import { tokenFor } from '../__tests__/emulator/client.js'
import type { BenchEsvs } from './esv-data.js'

/** frodo-lib's token metadata (`AccessTokenMetaType`), as `state.setBearerTokenMeta` takes it. */
interface FrodoTokenMeta {
  access_token: string
  token_type: string
  scope: string
  expires_in: number
  expires: number
  from_cache: boolean
}

interface FrodoVariableImport {
  variable: Record<string, { _id: string; value: string; description: string; expressionType: string }>
}

/** The part of frodo-lib's public API the baseline calls (see its types/ops/cloud/*Ops.d.ts). */
interface FrodoInstance {
  state: { setBearerTokenMeta(meta: FrodoTokenMeta): void }
  cloud: {
    variable: {
      createVariable(id: string, value: string, description: string, expressionType?: string): Promise<unknown>
      importVariables(data: FrodoVariableImport): Promise<unknown>
    }
    secret: {
      createSecret(id: string, value: string, description: string, encoding?: string, useInPlaceholders?: boolean): Promise<unknown>
    }
  }
}

interface FrodoLib {
  frodo: { createInstance(config: { host: string }): FrodoInstance }
}

/** How frodo-lib writes variables: `createVariable` (GET to check it is new, then PUT) or `importVariables` (PUT each). */
export type FrodoMode = 'createVariable' | 'importVariables'

export interface FrodoRun {
  ms: number
  /** How long loading the library took (not part of `ms`). */
  loadMs: number
}

let loaded: { lib: FrodoLib; loadMs: number } | undefined

function loadFrodo(): { lib: FrodoLib; loadMs: number } {
  if (!loaded) {
    const started = performance.now()
    const lib = createRequire(import.meta.url)('@rockcarver/frodo-lib') as FrodoLib
    loaded = { lib, loadMs: performance.now() - started }
  }
  return loaded
}

/**
 * Writes every ESV as a frodo-lib user would, one call after another (its
 * import functions loop the same way). The token is fetched once, as the CLI
 * does; it is counted among the requests.
 */
export async function frodoSync(emulator: Emulator, esvs: BenchEsvs, mode: FrodoMode): Promise<FrodoRun> {
  const { lib, loadMs } = loadFrodo()
  const started = performance.now()
  const token = await tokenFor(emulator, 'upper')
  const frodo = lib.frodo.createInstance({ host: emulator.upper.url })
  frodo.state.setBearerTokenMeta({
    access_token: token,
    token_type: 'Bearer',
    scope: 'fr:idc:esv:*',
    expires_in: 900,
    expires: Date.now() + 900_000,
    from_cache: false
  })
  if (mode === 'createVariable') {
    for (const v of esvs.variables) await frodo.cloud.variable.createVariable(v.id, v.value, v.description, 'string')
  } else {
    const variable = Object.fromEntries(
      esvs.variables.map((v) => [v.id, { _id: v.id, value: v.value, description: v.description, expressionType: 'string' }])
    )
    await frodo.cloud.variable.importVariables({ variable })
  }
  for (const s of esvs.secrets) await frodo.cloud.secret.createSecret(s.id, s.value, s.description, 'generic', true)
  return { ms: performance.now() - started, loadMs }
}
