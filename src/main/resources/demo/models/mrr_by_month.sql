-- Monthly recurring revenue: the plan is monthly, so paid invoices per month are the MRR.
-- Amounts are stored in minor units (cents) with their currency beside them.
SELECT
    CAST(date_trunc('month', created) AS DATE) AS month,
    currency,
    SUM(amount_paid) / 100.0 AS mrr,
    COUNT(DISTINCT customer) AS paying_members
FROM stripe.invoices
WHERE status = 'paid'
GROUP BY 1, 2
