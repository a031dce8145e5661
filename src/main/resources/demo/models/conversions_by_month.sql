-- Free subscriber -> paying member: new Ghost members per month against new Stripe
-- subscriptions per month.
WITH signups AS (
    SELECT CAST(date_trunc('month', created_at) AS DATE) AS month, COUNT(*) AS new_subscribers
    FROM ghost.members
    GROUP BY 1
), conversions AS (
    SELECT CAST(date_trunc('month', start_date) AS DATE) AS month, COUNT(*) AS new_paid_members
    FROM stripe.subscriptions
    GROUP BY 1
)
SELECT
    s.month,
    s.new_subscribers,
    COALESCE(c.new_paid_members, 0) AS new_paid_members,
    ROUND(100.0 * COALESCE(c.new_paid_members, 0) / s.new_subscribers, 1) AS conversion_pct
FROM signups s
LEFT JOIN conversions c ON c.month = s.month
