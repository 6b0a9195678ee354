"""CloudWatch Logs through boto3: groups and streams, PutLogEvents, GetLogEvents followed to
the end by its tokens, the describe_log_groups and filter_log_events paginators, retention,
tags and the errors Logs gives."""

import time
import unittest

from berth_e2e import ACCOUNT, REGION, BerthTestCase, unique_name


def now_ms():
    return int(time.time() * 1000)


class LogsTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.logs = self.client(service="logs")
        self.group = "/berth/" + unique_name("py-logs")
        self.logs.create_log_group(logGroupName=self.group)

    def put(self, stream, messages, start=None):
        start = now_ms() - 10_000 if start is None else start
        events = [{"timestamp": start + i, "message": m} for i, m in enumerate(messages)]
        return self.logs.put_log_events(logGroupName=self.group, logStreamName=stream,
                                        logEvents=events)

    def stream(self, name):
        self.logs.create_log_stream(logGroupName=self.group, logStreamName=name)
        return name

    def test_describe_log_groups_paginator_walks_every_group(self):
        names = [self.group] + [self.group + f"-{i}" for i in range(4)]
        for name in names[1:]:
            self.logs.create_log_group(logGroupName=name)
        paginator = self.logs.get_paginator("describe_log_groups")
        pages = list(paginator.paginate(logGroupNamePrefix=self.group,
                                        PaginationConfig={"PageSize": 2}))
        self.assertEqual(3, len(pages))
        seen = [g["logGroupName"] for p in pages for g in p["logGroups"]]
        self.assertEqual(sorted(names), seen)
        group = pages[0]["logGroups"][0]
        self.assertEqual(f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{self.group}:*", group["arn"])
        self.assertEqual(f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{self.group}",
                         group["logGroupArn"])

    def test_get_log_events_iterates_to_the_end_both_ways(self):
        self.put(self.stream("s"), [f"event {i}" for i in range(23)])
        seen, kwargs = [], {"startFromHead": True, "limit": 5}
        for _ in range(20):
            out = self.logs.get_log_events(logGroupName=self.group, logStreamName="s", **kwargs)
            seen += [e["message"] for e in out["events"]]
            if kwargs.get("nextToken") == out["nextForwardToken"]:
                break
            kwargs["nextToken"] = out["nextForwardToken"]
        else:
            self.fail("nextForwardToken never repeated")
        self.assertEqual([f"event {i}" for i in range(23)], seen)

        newest = self.logs.get_log_events(logGroupName=self.group, logStreamName="s", limit=5)
        self.assertEqual([f"event {i}" for i in range(18, 23)],
                         [e["message"] for e in newest["events"]])
        older, token = [], newest["nextBackwardToken"]
        for _ in range(20):
            out = self.logs.get_log_events(logGroupName=self.group, logStreamName="s",
                                           nextToken=token, limit=5)
            older = [e["message"] for e in out["events"]] + older
            if out["nextBackwardToken"] == token:
                break
            token = out["nextBackwardToken"]
        self.assertEqual([f"event {i}" for i in range(18)], older)

    def test_filter_log_events_paginator_interleaves_streams(self):
        start = now_ms() - 60_000
        a, b = self.stream("a"), self.stream("b")
        self.put(a, [f"ERROR a{i}" if i % 2 == 0 else f"INFO a{i}" for i in range(10)], start)
        self.put(b, [f"ERROR b{i}" for i in range(5)], start)
        pages = list(self.logs.get_paginator("filter_log_events").paginate(
            logGroupName=self.group, filterPattern="ERROR -b3", PaginationConfig={"PageSize": 3}))
        self.assertGreater(len(pages), 1)
        events = [e for p in pages for e in p["events"]]
        self.assertEqual(9, len(events))
        self.assertNotIn("ERROR b3", [e["message"] for e in events])
        self.assertEqual(sorted(e["timestamp"] for e in events), [e["timestamp"] for e in events])
        self.assertEqual({"a", "b"}, {e["logStreamName"] for e in events})
        self.assertEqual(len(events), len({e["eventId"] for e in events}))

    def test_filter_json_pattern_and_time_range(self):
        start = now_ms() - 5_000
        self.put(self.stream("json"), ['{"level":"error","ms":900}', '{"level":"info","ms":5}',
                                       '{"level":"error","ms":20}', "not json"], start)
        out = self.logs.filter_log_events(logGroupName=self.group,
                                          filterPattern='{ $.level = "error" && $.ms > 100 }')
        self.assertEqual(['{"level":"error","ms":900}'], [e["message"] for e in out["events"]])
        out = self.logs.filter_log_events(logGroupName=self.group, startTime=start + 1,
                                          endTime=start + 3)
        self.assertEqual(2, len(out["events"]))

    def test_put_log_events_rejects_too_old_and_too_new(self):
        stream = self.stream("s")
        now = now_ms()
        # A batch may span 24 hours at most: too old and too new go in batches of their own.
        def put(*events):
            return self.logs.put_log_events(
                logGroupName=self.group, logStreamName=stream, sequenceToken="anything",
                logEvents=[{"timestamp": t, "message": m} for t, m in events])
        out = put((now - 15 * 86_400_000, "old"), (now - 15 * 86_400_000 + 1, "old too"))
        self.assertEqual({"tooOldLogEventEndIndex": 2}, out["rejectedLogEventsInfo"])
        out = put((now, "ok"), (now + 3 * 3_600_000, "new"))
        self.assertEqual({"tooNewLogEventStartIndex": 1}, out["rejectedLogEventsInfo"])
        self.assertNotIn("rejectedLogEventsInfo", put((now + 1, "fine")))
        events = self.logs.get_log_events(logGroupName=self.group, logStreamName=stream)["events"]
        self.assertEqual(["ok", "fine"], [e["message"] for e in events])
        self.assertAwsError(self.logs.exceptions.InvalidParameterException,
                            self.logs.put_log_events, logGroupName=self.group,
                            logStreamName=stream,
                            logEvents=[{"timestamp": now, "message": "b"},
                                       {"timestamp": now - 1, "message": "a"}])

    def test_describe_log_streams_orders_and_reports_times(self):
        start = now_ms() - 10_000
        self.put(self.stream("late"), ["x"], start + 500)
        self.put(self.stream("early"), ["yy", "zz"], start)
        self.stream("empty")
        out = self.logs.describe_log_streams(logGroupName=self.group, orderBy="LastEventTime",
                                             descending=True)
        self.assertEqual(["late", "early", "empty"],
                         [s["logStreamName"] for s in out["logStreams"]])
        early = out["logStreams"][1]
        self.assertEqual(start, early["firstEventTimestamp"])
        self.assertEqual(start + 1, early["lastEventTimestamp"])
        self.assertIn("lastIngestionTime", early)
        self.assertEqual(4, early["storedBytes"])
        by_name = self.logs.describe_log_streams(logGroupName=self.group, logStreamNamePrefix="e")
        self.assertEqual(["early", "empty"], [s["logStreamName"] for s in by_name["logStreams"]])

    def test_retention_and_tags(self):
        self.logs.put_retention_policy(logGroupName=self.group, retentionInDays=30)
        group = self.logs.describe_log_groups(logGroupNamePrefix=self.group)["logGroups"][0]
        self.assertEqual(30, group["retentionInDays"])
        arn = group["logGroupArn"]
        self.logs.tag_resource(resourceArn=arn, tags={"team": "berth", "env": "e2e"})
        self.logs.untag_resource(resourceArn=arn, tagKeys=["env"])
        self.assertEqual({"team": "berth"}, self.logs.list_tags_for_resource(resourceArn=arn)["tags"])
        self.assertEqual({"team": "berth"},
                         self.logs.list_tags_log_group(logGroupName=self.group)["tags"])

    def test_errors(self):
        ex = self.logs.exceptions
        self.assertAwsError(ex.ResourceAlreadyExistsException, self.logs.create_log_group,
                            logGroupName=self.group)
        e = self.assertAwsError(ex.ResourceNotFoundException, self.logs.describe_log_streams,
                                logGroupName=self.group + "-missing")
        self.assertEqual("The specified log group does not exist.",
                         e.response["Error"]["Message"])
        self.assertAwsError(ex.ResourceNotFoundException, self.logs.get_log_events,
                            logGroupName=self.group, logStreamName="missing")
        self.assertAwsError(ex.InvalidParameterException, self.logs.put_retention_policy,
                            logGroupName=self.group, retentionInDays=2)
        self.assertAwsError(ex.InvalidParameterException, self.logs.filter_log_events,
                            logGroupName=self.group, filterPattern="{ $.a = ")
        self.logs.delete_log_group(logGroupName=self.group)
        self.assertAwsError(ex.ResourceNotFoundException, self.logs.delete_log_group,
                            logGroupName=self.group)


if __name__ == "__main__":
    unittest.main()
