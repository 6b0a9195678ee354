-- wrk script: POSTs one AWS JSON-1.1 ECS call over keep-alive connections.
--   BENCH_TARGET     operation name, e.g. DescribeClusters
--   BENCH_BODY_FILE  file holding the JSON request body
--   BENCH_TARGET_PREFIX  the X-Amz-Target prefix (default ECS's; AmazonSSM for SSM, ...)
-- The request carries a SigV4-shaped Authorization header (as every SDK sends; the signature
-- is not checked) so that servers routing by credential scope, such as moto, see "ecs".
-- At the end it prints one machine-readable line, parsed by bench.py.
local target = os.getenv("BENCH_TARGET")
local body_file = os.getenv("BENCH_BODY_FILE")
local f = assert(io.open(body_file, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.path = "/"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
local prefix = os.getenv("BENCH_TARGET_PREFIX") or "AmazonEC2ContainerServiceV20141113"
wrk.headers["X-Amz-Target"] = prefix .. "." .. target
wrk.headers["X-Amz-Date"] = "20250101T000000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/ecs/aws4_request, "
  .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
  .. "Signature=0000000000000000000000000000000000000000000000000000000000000000"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
