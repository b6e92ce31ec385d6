import { JobSummary } from './github/summary.js'
import { guardRun } from './run-guard.js'
import { installOutputRedaction } from './secrets.js'
import { isPostStep, markMainStarted } from './state.js'

// Before anything is printed: every log line, annotation and error is scrubbed of known secret forms.
installOutputRedaction()

// One bundle serves both steps; each loads only its own code (the post step mostly has nothing to release).
if (isPostStep()) {
  guardRun(
    'post',
    import('./post.js').then(({ runPost }) => runPost())
  )
} else {
  markMainStarted()
  const summary = new JobSummary()
  guardRun(
    'main',
    import('./main.js').then(({ run }) => run(summary)),
    async (message) => {
      summary.add(`### tenant-pilot failed\n\n\`\`\`\n${message}\n\`\`\``)
      await summary.write()
    }
  )
}
