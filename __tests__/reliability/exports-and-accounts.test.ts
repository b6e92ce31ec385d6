import { describeFaultMatrix } from './suite.js'

describeFaultMatrix(['export-esvs', 'export-tenant-settings', 'create-service-account', 'rotate-service-account-key'])
