-- Which posts members read, per post and day: GA4 page views split by the site's member_status
-- dimension (paid, free, anonymous), joined to Ghost's posts by the path of the post's own url
-- (/<slug>/ with Ghost's default permalink; whatever permalink the site uses). One row per post,
-- never per title: many posts share a title.
SELECT
    m.date AS day,
    p.id AS post_id,
    p.slug,
    p.title,
    p.url,
    p.published_at,
    SUM(CASE WHEN m.custom_user_member_status = 'paid' THEN m.screen_page_views ELSE 0 END) AS paid_member_views,
    SUM(CASE WHEN m.custom_user_member_status = 'free' THEN m.screen_page_views ELSE 0 END) AS free_member_views,
    SUM(m.screen_page_views) AS all_views
FROM ga.member_pages m
JOIN ghost.posts p ON m.page_path = regexp_replace(p.url, '^[a-z]+://[^/]+', '')
    AND p.status = 'published' AND p._deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5, 6
