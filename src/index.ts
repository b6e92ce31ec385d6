import { JobSummary } from './github/summary.js'
import { run } from './main.js'
import { runPost } from './post.js'
import { guardRun } from './run-guard.js'
import { installOutputRedaction } from './secrets.js'
import { isPostStep, markMainStarted } from './state.js'

// Before anything is printed: every log line, annotation and error is scrubbed of known secret forms.
installOutputRedaction()

if (isPostStep()) {
  guardRun('post', runPost())
} else {
  markMainStarted()
  const summary = new JobSummary()
  guardRun('main', run(summary), async (message) => {
    summary.add(`### tenant-pilot failed\n\n\`\`\`\n${message}\n\`\`\``)
    await summary.write()
  })
}
