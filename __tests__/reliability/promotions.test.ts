import { describeFaultMatrix } from './suite.js'

describeFaultMatrix(['dry-run-promote', 'promote', 'promote-poll', 'rollback', 'promotion-report', 'unlock'])
