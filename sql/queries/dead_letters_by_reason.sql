-- What the job set aside over the last day, by stream, kind and reason (FINAL: each record once).
SELECT stream, kind, reason, count() AS records, max(rejected_at) AS last_seen
FROM ${database}.dead_letters FINAL
WHERE rejected_at >= now() - 86400
GROUP BY stream, kind, reason
ORDER BY records DESC;
