#!/usr/bin/env python3
"""Offline test of `sma_deploy.py doctor`: one correct wiring and each broken wiring of the
troubleshooting page, served by the loopback stub of test_sma_deploy.py."""

import json
import os
import socket
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_sma_deploy import FUNCTION, PRINCIPAL, SMA_ARN, SMA_ID, Stub, command, statement  # noqa: E402

NUMBER = "+12065550100"
UNQUALIFIED = FUNCTION.rsplit(":", 1)[0]


def scoped():
    grant = statement(f"sma-{SMA_ID}")
    grant["Condition"]["StringEquals"] = {"AWS:SourceAccount": "111122223333"}
    return grant


def wired(stub):
    """A correct wiring: an alias endpoint, a scoped grant, 10 s, logging on, a rule, a dial-in
    number."""
    stub.policies = {FUNCTION: {f"sma-{SMA_ID}": scoped()}}
    stub.configs = {FUNCTION: {"Timeout": 10, "Architectures": ["arm64"]}}
    stub.rule_list = [{"SipRuleId": "rule-1", "Disabled": False, "TriggerType": "ToPhoneNumber",
                       "TriggerValue": NUMBER, "TargetApplications": [
                           {"SipMediaApplicationId": SMA_ID, "Priority": 1,
                            "AwsRegion": "us-east-1"}]}]
    stub.numbers = {NUMBER: {"PhoneNumberId": NUMBER, "E164PhoneNumber": NUMBER,
                             "ProductType": "SipMediaApplicationDialIn"}}


def doctor(breaks=None, number=NUMBER):
    stub = Stub()
    wired(stub)
    if breaks:
        breaks(stub)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    args = ["--region", "us-east-1", "doctor", "--sip-media-application-id", SMA_ID]
    out = command(f"http://127.0.0.1:{stub.server_address[1]}", *args,
                  *(["--phone-number", number] if number else []))
    stub.shutdown()
    stub.server_close()
    return out, stub


class Doctor(unittest.TestCase):
    def problems(self, breaks, number=NUMBER):
        out, stub = doctor(breaks, number)
        self.assertNotIn("Traceback", out.stderr)
        report = json.loads(out.stdout)
        found = {f["check"]: f["detail"] for f in report["Findings"] if not f["ok"]}
        self.assertEqual(out.returncode, 1 if found else 0, out.stderr)
        self.assertEqual(report["Problems"], len(found))
        self.assertFalse(any(m != "GET" for m, _, _ in stub.requests), "the doctor only reads")
        return found

    def test_a_correct_wiring_has_no_problem(self):
        self.assertEqual(self.problems(None), {})
        out, _ = doctor()
        details = " ".join(f["detail"] for f in json.loads(out.stdout)["Findings"])
        self.assertIn("arm64", details)

    def test_no_invoke_permission(self):
        found = self.problems(lambda s: s.policies.clear())
        self.assertEqual(list(found), ["permission"])
        self.assertIn("Access denied while invoking the AWS Lambda function", found["permission"])
        self.assertIn(PRINCIPAL, found["permission"])

    def test_a_grant_listing_its_actions_counts(self):
        def listed(s):
            grant = scoped()
            grant["Action"] = ["lambda:GetFunction", "lambda:InvokeFunction"]
            s.policies = {FUNCTION: {grant["Sid"]: grant}}
        self.assertEqual(self.problems(listed), {})

    def test_a_permission_not_scoped_to_the_sma(self):
        unscoped = {"Sid": "any", "Effect": "Allow", "Principal": {"Service": PRINCIPAL},
                    "Action": "lambda:InvokeFunction"}
        found = self.problems(lambda s: s.policies.update({FUNCTION: {"any": unscoped}}))
        self.assertEqual(list(found), ["permission"])
        self.assertIn("not scoped by SourceArn", found["permission"])

    def test_an_endpoint_on_latest(self):
        def latest(s):
            s.smas[SMA_ID] = {"SipMediaApplicationId": SMA_ID, "SipMediaApplicationArn": SMA_ARN,
                              "Endpoints": [{"LambdaArn": UNQUALIFIED}]}
            s.policies = {UNQUALIFIED: {f"sma-{SMA_ID}": scoped()}}
        found = self.problems(latest)
        self.assertEqual(list(found), ["endpoint"])
        self.assertIn("$LATEST", found["endpoint"])

    def test_a_timeout_past_the_services_20_seconds(self):
        found = self.problems(lambda s: s.configs.update({FUNCTION: {"Timeout": 60}}))
        self.assertEqual(list(found), ["timeout"])
        self.assertIn("AWS Lambda client operation timed out", found["timeout"])

    def test_a_function_throttled_to_nothing(self):
        found = self.problems(lambda s: s.concurrency.update({"ivr": 0}))
        self.assertEqual(list(found), ["concurrency"])
        self.assertIn("The AWS Lambda function was throttled", found["concurrency"])

    def test_message_logging_off(self):
        found = self.problems(lambda s: setattr(s, "logging", False))
        self.assertEqual(list(found), ["message logs"])

    def test_no_sip_rule_for_the_number_and_a_disabled_one(self):
        found = self.problems(lambda s: s.rule_list.clear())
        self.assertEqual(list(found), ["SIP rule"])
        self.assertIn(f"no SIP rule sends calls to {NUMBER}", found["SIP rule"])
        disabled = self.problems(lambda s: s.rule_list[0].update({"Disabled": True}))
        self.assertIn("disabled", disabled["SIP rule"])
        # Without a number, any rule that targets the SIP media application will do.
        self.assertEqual(self.problems(None, number=None), {})

    def test_a_number_of_another_product_type(self):
        found = self.problems(
            lambda s: s.numbers[NUMBER].update({"ProductType": "VoiceConnector"}))
        self.assertEqual(list(found), ["phone number"])
        self.assertIn("SipMediaApplicationDialIn", found["phone number"])

    def test_an_unreadable_wiring_is_a_message_not_a_traceback(self):
        out, _ = doctor(lambda s: s.fail.update(
            {("GET", "/sip-media-applications/"): (403, "ForbiddenException")}))
        self.assertEqual(out.returncode, 1)
        self.assertNotIn("Traceback", out.stderr)
        self.assertIn("reading the SIP media application failed: ForbiddenException", out.stderr)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        out = command(f"http://127.0.0.1:{port}", "--region", "us-east-1", "doctor",
                      "--sip-media-application-id", SMA_ID)
        self.assertEqual(out.returncode, 1)
        self.assertNotIn("Traceback", out.stderr)
        self.assertIn("reading the SIP media application failed", out.stderr)


if __name__ == "__main__":
    unittest.main()
