import { describe, expect, test } from '@jest/globals'
import { asString, evaluate, evaluateToken, RefusedExpression, truthy } from '../../../tools/workflow-simulator/expressions.js'
import { parseWorkflowText } from '../../../tools/workflow-simulator/parse.js'

describe('expressions are evaluated by GitHub’s evaluator', () => {
  const github = { event_name: 'push', event: { issue: { number: 7 } } }

  test('operators, functions and || fall-through as GitHub evaluates them', () => {
    expect(evaluate("github.event_name == 'push' && format('{0}-plan', matrix.env) || 'x'", { github, matrix: { env: 'dev' } })).toBe(
      'dev-plan'
    )
    expect(
      evaluate('github.event.workflow_run.pull_requests[0].number || github.event.issue.number || inputs.pr-number', { github, inputs: {} })
    ).toBe(7)
    expect(evaluate('contains(fromJSON(\'["OWNER", "MEMBER"]\'), \'MEMBER\')', { github })).toBe(true)
    expect(evaluate("startsWith('/tenant-pilot dry-run', '/TENANT-PILOT')", { github })).toBe(true)
  })

  test('status functions answer for where they are evaluated', () => {
    expect(evaluate('success()', { github }, { success: false, failure: true })).toBe(false)
    expect(evaluate('failure() && always()', { github }, { success: false, failure: true })).toBe(true)
  })

  test('truthiness and string coercion are GitHub’s', () => {
    expect([truthy(''), truthy(0), truthy(null), truthy('false'), truthy([])]).toEqual([false, false, false, true, true])
    expect([asString(true), asString(null), asString(7), asString('x')]).toEqual(['true', '', '7', 'x'])
  })

  test('what it cannot evaluate is refused, not guessed', () => {
    expect(() => evaluate('secretz.X', { github })).toThrow(RefusedExpression)
    expect(() => evaluate("hashFiles('**/*.yaml')", { github })).toThrow(/hashFiles\(\) is not modelled/)
    expect(() => evaluate('github.event_name ==', { github })).toThrow(RefusedExpression)
  })
})

describe('template tokens are evaluated as literals and expressions', () => {
  test('a literal is read as YAML reads it (a plain scalar ends at " #"); an embedded expression is formatted in', async () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "PR $N is ${{ github.event_name }}"\n        env:\n          N: 7\n' +
      '      - run: echo "PR #$N is open"\n'
    const workflow = await parseWorkflowText('t.yml', text, () => '')
    const [job] = workflow.template.jobs
    const [step, commented] = job!.type === 'job' ? job!.steps : []
    expect(step && 'run' in step ? evaluateToken(step.run, { github: { event_name: 'push' } }) : undefined).toBe('echo "PR $N is push"')
    // What GitHub runs too: docs/workflows/promotion-request.yml had this bug, which only running it showed.
    expect(commented && 'run' in commented ? evaluateToken(commented.run, {}) : undefined).toBe('echo "PR')
    // The workflow schema reads an env value as a string, as GitHub does.
    expect(step && 'env' in step && step.env ? evaluateToken(step.env, {}) : undefined).toEqual({ N: '7' })
  })
})
