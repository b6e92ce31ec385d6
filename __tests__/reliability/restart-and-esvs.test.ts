import { describeFaultMatrix } from './suite.js'

describeFaultMatrix(['restart', 'restart-poll', 'set-esvs', 'set-esvs-secret', 'rotate-secret'])
