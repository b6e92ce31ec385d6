import { describeFaultMatrix } from './suite.js'

describeFaultMatrix(['create-api-client', 'set-tenant-settings', 'create-csr', 'complete-csr'])
