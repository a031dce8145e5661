-- Monthly recurring revenue from Stripe subscriptions, at the end of each month (or now, for the
-- current month): every subscription running then counts with its price normalised to a month
-- (yearly prices / 12, weekly * 52 / 12), times its quantity. Amounts are in minor units (cents).
-- Rows Stripe no longer has (_deleted_at set) are left out.
WITH months AS (
    SELECT CAST(m AS DATE) AS month
    FROM range(date_trunc('month', (SELECT MIN(start_date) FROM stripe.subscriptions)),
               date_trunc('month', current_date) + INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(m)
), items AS (
    SELECT
        s.id,
        s.currency,
        s.start_date,
        COALESCE(s.ended_at, s.canceled_at) AS ended_at,
        CAST(i ->> '$.price.unit_amount' AS DOUBLE) * COALESCE(CAST(i ->> '$.quantity' AS DOUBLE), 1)
            * CASE i ->> '$.price.recurring.interval'
                WHEN 'year' THEN 1.0 / 12 WHEN 'week' THEN 52.0 / 12 WHEN 'day' THEN 365.0 / 12 ELSE 1 END
            / COALESCE(CAST(i ->> '$.price.recurring.interval_count' AS DOUBLE), 1) AS monthly_cents
    FROM stripe.subscriptions s, unnest(CAST(s.items -> '$.data' AS JSON[])) AS u(i)
    WHERE s._deleted_at IS NULL
), moments AS (
    SELECT month, LEAST(month + INTERVAL 1 MONTH, now()) AS moment FROM months
)
SELECT
    a.month,
    CAST(a.moment AS DATE) - CASE WHEN a.moment < now() THEN 1 ELSE 0 END AS as_of,  -- the day it was measured
    i.currency,
    ROUND(SUM(i.monthly_cents) / 100.0, 2) AS mrr,
    COUNT(DISTINCT i.id) AS paying_subscriptions
FROM moments a
JOIN items i ON i.start_date < a.moment AND (i.ended_at IS NULL OR i.ended_at >= a.moment)
GROUP BY 1, 2, 3
