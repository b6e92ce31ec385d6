import { run } from './main.js'
import { runPost } from './post.js'
import { isPostStep, markMainStarted } from './state.js'

if (isPostStep()) {
  void runPost()
} else {
  markMainStarted()
  void run()
}
