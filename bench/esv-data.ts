/**
 * The ESVs the sync benchmarks write: 200 variables and 20 secrets, as the
 * action's YAML file (with secrets read from the environment, as in CI) and as
 * plain lists for the frodo-lib baseline, so both write exactly the same.
 */
export const VARIABLE_COUNT = 200
export const SECRET_COUNT = 20
export const ESV_FILE = 'esvs/bench.yaml'

export interface BenchEsv {
  id: string
  value: string
  description: string
}

export interface BenchEsvs {
  variables: BenchEsv[]
  secrets: Array<BenchEsv & { env: string }>
}

export function benchEsvs(): BenchEsvs {
  const number = (i: number): string => String(i).padStart(3, '0')
  return {
    variables: Array.from({ length: VARIABLE_COUNT }, (_, i) => ({
      id: `esv-bench-variable-${number(i)}`,
      value: `https://service-${number(i)}.example.com/api`,
      description: `Benchmark variable ${i}`
    })),
    secrets: Array.from({ length: SECRET_COUNT }, (_, i) => ({
      id: `esv-bench-secret-${number(i)}`,
      value: `bench-secret-value-${number(i)}-${'x'.repeat(24)}`,
      description: `Benchmark secret ${i}`,
      env: `BENCH_SECRET_${number(i)}`
    }))
  }
}

/** `variables` variables and no secret: the file of the scaling table. */
export function scaledEsvs(variables: number): BenchEsvs {
  const number = (i: number): string => String(i).padStart(5, '0')
  return {
    variables: Array.from({ length: variables }, (_, i) => ({
      id: `esv-scale-variable-${number(i)}`,
      value: `https://service-${number(i)}.example.com/api`,
      description: `Scaling variable ${i}`
    })),
    secrets: []
  }
}

/** The action's ESV file for these ESVs, and the environment its secrets are read from. */
export function actionFile(esvs: BenchEsvs): { files: Record<string, string>; env: Record<string, string> } {
  const lines = ['variables:']
  for (const v of esvs.variables) lines.push(`  ${v.id}:`, `    value: ${v.value}`, `    description: ${v.description}`)
  if (esvs.secrets.length > 0) lines.push('secrets:')
  for (const s of esvs.secrets) lines.push(`  ${s.id}:`, `    value-from-env: ${s.env}`, `    description: ${s.description}`)
  return {
    files: { [ESV_FILE]: `${lines.join('\n')}\n` },
    env: Object.fromEntries(esvs.secrets.map((s) => [s.env, s.value]))
  }
}

export function writeCount(esvs: BenchEsvs): number {
  return esvs.variables.length + esvs.secrets.length
}
