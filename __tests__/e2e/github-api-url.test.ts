import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { startE2e, type E2eContext } from '../helpers/e2e.js'
import { addToLower, MARKER, ON_PULL_REQUEST, PR, promotionInputs } from '../helpers/promotion.js'

let e2e: E2eContext
beforeEach(async () => {
  e2e = await startE2e()
})
afterEach(() => e2e.close())

// A workflow cannot override GITHUB_API_URL (GitHub's variables reference), so CI points the action at the
// emulator's GitHub with this input instead.
test('github-api-url wins over GITHUB_API_URL: the dry run comments on the server it names', async () => {
  addToLower(e2e.emulator, { name: 'Login' })
  const run = await e2e.run({
    inputs: promotionInputs(e2e.emulator, 'dry-run-promote', { 'github-api-url': e2e.emulator.github.url }),
    env: { GITHUB_API_URL: 'http://127.0.0.1:9' },
    ...ON_PULL_REQUEST
  })
  expect(run.main.exitCode).toBe(0)
  const [comment] = e2e.emulator.github.comments(PR)
  expect(comment?.body).toMatch(MARKER)
  expect(run.main.stdout).not.toMatch(/127\.0\.0\.1:9\b/)
})
