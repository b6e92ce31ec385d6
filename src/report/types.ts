/** What a promotion step ended as: the headline of its comment and summary, and the marker's status. */
export type PromotionStatus = 'dry-run' | 'promoted' | 'nothing-to-promote' | 'rolled-back' | 'report' | 'failed'
