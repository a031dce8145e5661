-- Free member -> paying member, one row per member who signed up free (Ghost members, less those
-- whose first Stripe subscription began at signup): when they signed up and, if they did, when
-- they first paid. Dashboards group these into signup cohorts in the project's timezone.
-- Members are matched to Stripe customers by email, as Ghost itself does; members and customers
-- the vendors no longer have (_deleted_at set) are left out.
WITH first_paid AS (
    SELECT c.email, MIN(s.start_date) AS first_paid_at
    FROM stripe.subscriptions s
    JOIN stripe.customers c ON c.id = s.customer
    WHERE s._deleted_at IS NULL AND c._deleted_at IS NULL
    GROUP BY c.email
)
SELECT
    m.id AS member_id,
    m.created_at AS signed_up_at,
    f.first_paid_at,
    date_diff('day', m.created_at, f.first_paid_at) AS days_to_paid
FROM ghost.members m
LEFT JOIN first_paid f ON f.email = m.email
WHERE m._deleted_at IS NULL
  AND m.status <> 'comped'
  AND (f.first_paid_at IS NULL OR f.first_paid_at > m.created_at + INTERVAL 1 HOUR)
