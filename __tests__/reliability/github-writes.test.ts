import { describeFaultMatrix } from './suite.js'

describeFaultMatrix(['drift-issue', 'plan-apply'])
