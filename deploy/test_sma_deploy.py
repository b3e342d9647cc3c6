#!/usr/bin/env python3
"""Offline test of sma_deploy.py: the command runs against a stub of the Chime SDK Voice and
Lambda APIs on loopback (canned replies in the shape the APIs document, and the resources it
made, so that a test can see what is left), with dummy credentials and the instance-metadata
lookup off; the test checks every request it made, and that a failing step leaves nothing."""

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import unittest
from urllib.parse import unquote

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTION = "arn:aws:lambda:us-east-1:111122223333:function:ivr:live"
V2 = "arn:aws:lambda:us-east-1:111122223333:function:ivr:v2"
SMA_ID = "5a1e5a1e-0000-4000-8000-000000000001"
SMA_ARN = f"arn:aws:chime:us-east-1:111122223333:sma/{SMA_ID}"
PRINCIPAL = "voiceconnector.chime.amazonaws.com"


class Stub(http.server.ThreadingHTTPServer):
    def __init__(self, fail=None, existing=None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests = []
        # (method, path prefix) -> (status, error code): a step that fails.
        self.fail = fail or {}
        self.smas, self.rules = {}, {}
        # function ARN -> {statement id: statement}
        self.policies = existing or {}
        # What the doctor reads: the SIP media application's logging, the SIP rules, the
        # phone numbers, each function's configuration and reserved concurrency.
        self.logging = True
        self.rule_list = []
        self.numbers = {}
        self.configs = {}
        self.concurrency = {}


def statement(sid, sma_arn=SMA_ARN):
    return {"Sid": sid, "Effect": "Allow", "Principal": {"Service": PRINCIPAL},
            "Action": "lambda:InvokeFunction",
            "Condition": {"ArnLike": {"AWS:SourceArn": sma_arn}}}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, error=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if error:
            self.send_header("x-amzn-errortype", error)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        path = unquote(self.path.split("?")[0])
        s = self.server
        s.requests.append((self.command, path, body))
        for (method, prefix), (status, code) in s.fail.items():
            if self.command == method and path.startswith(prefix):
                return self.reply(status, {"message": f"stub: {code}"}, error=code)
        sma = {"SipMediaApplicationId": SMA_ID, "SipMediaApplicationArn": SMA_ARN,
               "AwsRegion": "us-east-1", "Name": "ivr", "Endpoints": [{"LambdaArn": FUNCTION}]}
        functions = "/2015-03-31/functions/"
        if self.command == "POST" and path == "/sip-media-applications":
            s.smas[SMA_ID] = dict(sma, Endpoints=body.get("Endpoints"))
            return self.reply(201, {"SipMediaApplication": s.smas[SMA_ID]})
        if path == f"/sip-media-applications/{SMA_ID}":
            if self.command == "GET":
                return self.reply(200, {"SipMediaApplication": s.smas.get(SMA_ID, sma)})
            if self.command == "PUT":
                s.smas[SMA_ID] = dict(sma, Endpoints=body.get("Endpoints"))
                return self.reply(200, {"SipMediaApplication": s.smas[SMA_ID]})
            if self.command == "DELETE":
                s.smas.pop(SMA_ID, None)
                return self.reply(204, {})
        if self.command == "GET" and path == f"/sip-media-applications/{SMA_ID}/logging-configuration":
            config = {"EnableSipMediaApplicationMessageLogs": s.logging}
            return self.reply(200, {"SipMediaApplicationLoggingConfiguration": config})
        if self.command == "GET" and path == "/sip-rules":
            return self.reply(200, {"SipRules": s.rule_list})
        if self.command == "GET" and path.startswith("/phone-numbers/"):
            number = path[len("/phone-numbers/"):]
            if number in s.numbers:
                return self.reply(200, {"PhoneNumber": s.numbers[number]})
        if self.command == "GET" and path.startswith(functions) and path.endswith("/configuration"):
            function = path[len(functions):-len("/configuration")]
            return self.reply(200, s.configs.get(function, {"Timeout": 3}))
        if self.command == "GET" and path.startswith("/2019-09-30/functions/"):
            function = path[len("/2019-09-30/functions/"):].removesuffix("/concurrency")
            reserved = s.concurrency.get(function)
            return self.reply(200, {} if reserved is None else
                              {"ReservedConcurrentExecutions": reserved})
        if self.command == "POST" and path == "/sip-rules":
            s.rules["rule-1"] = body
            return self.reply(201, {"SipRule": {"SipRuleId": "rule-1", "Name": body.get("Name")}})
        if path.startswith(functions) and "/policy" in path:
            function, _, sid = path[len(functions):].partition("/policy")
            sid = sid.strip("/")
            policy = s.policies.setdefault(function, {})
            if self.command == "POST":
                policy[body["StatementId"]] = statement(body["StatementId"], body.get("SourceArn"))
                return self.reply(201, {"Statement": json.dumps(policy[body["StatementId"]])})
            if self.command == "GET":
                if not policy:
                    return self.reply(404, {"message": "no policy"}, "ResourceNotFoundException")
                doc = {"Version": "2012-10-17", "Statement": list(policy.values())}
                return self.reply(200, {"Policy": json.dumps(doc), "RevisionId": "r1"})
            if self.command == "DELETE" and sid in policy:
                del policy[sid]
                return self.reply(204, {})
        self.reply(404, {"message": f"no stub for {self.command} {path}"}, "ResourceNotFoundException")

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


def environment():
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ACCESS_KEY_ID": "AKIDLOCALTEST",
        "AWS_SECRET_ACCESS_KEY": "local-test-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "AWS_MAX_ATTEMPTS": "1",
    }


def command(url, *args):
    return subprocess.run(
        [sys.executable, os.path.join(HERE, "sma_deploy.py"), "--endpoint-url", url, *args],
        env=environment(), capture_output=True, text=True, timeout=60)


def run(*args, fail=None, existing=None):
    stub = Stub(fail, existing)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    out = command(f"http://127.0.0.1:{stub.server_address[1]}", *args)
    stub.shutdown()
    stub.server_close()
    return out, stub


def connect(**kw):
    return run("connect", "--function-arn", FUNCTION, "--phone-number", "+12065550100",
               "--name", "ivr", **kw)


class Deploy(unittest.TestCase):
    def assertNothingLeft(self, stub):
        self.assertEqual(stub.smas, {}, "no SIP media application left")
        self.assertEqual(stub.rules, {}, "no SIP rule left")
        self.assertEqual({f: p for f, p in stub.policies.items() if p}, {}, "no grant left")

    def assertMessage(self, out, *words):
        self.assertNotEqual(out.returncode, 0)
        self.assertNotIn("Traceback", out.stderr)
        for w in words:
            self.assertIn(w, out.stderr)

    def test_connect_creates_the_sma_a_scoped_permission_and_the_rule(self):
        out, stub = connect()
        self.assertEqual(out.returncode, 0, out.stderr)
        calls = [(m, p) for m, p, _ in stub.requests]
        self.assertEqual(calls, [
            ("POST", "/sip-media-applications"),
            ("POST", f"/2015-03-31/functions/{FUNCTION}/policy"),
            ("POST", "/sip-rules"),
        ])
        sma, permission, rule = (b for _, _, b in stub.requests)
        self.assertEqual(sma["Endpoints"], [{"LambdaArn": FUNCTION}])
        self.assertEqual(sma["AwsRegion"], "us-east-1")
        self.assertEqual(permission["Principal"], PRINCIPAL)
        self.assertEqual(permission["Action"], "lambda:InvokeFunction")
        self.assertEqual(permission["SourceArn"], SMA_ARN, "scoped to this SIP media application")
        self.assertEqual(permission["SourceAccount"], "111122223333", "and this account")
        self.assertEqual(rule["TriggerType"], "ToPhoneNumber")
        self.assertEqual(rule["TriggerValue"], "+12065550100")
        self.assertEqual(rule["TargetApplications"],
                         [{"SipMediaApplicationId": SMA_ID, "Priority": 1, "AwsRegion": "us-east-1"}])
        self.assertEqual(json.loads(out.stdout)["SipRuleId"], "rule-1")

    def test_a_conflicting_permission_removes_the_new_sma(self):
        out, stub = connect(fail={("POST", "/2015-03-31/functions/"): (409, "ResourceConflictException")})
        self.assertMessage(out, "granting", "ResourceConflictException", "undone")
        self.assertIn(("DELETE", f"/sip-media-applications/{SMA_ID}"),
                      [(m, p) for m, p, _ in stub.requests])
        self.assertNothingLeft(stub)

    def test_a_failed_sip_rule_removes_the_grant_and_the_sma(self):
        out, stub = connect(fail={("POST", "/sip-rules"): (400, "BadRequestException")})
        self.assertMessage(out, "creating the SIP rule", "BadRequestException", "undone")
        self.assertNothingLeft(stub)

    def test_a_failed_sma_leaves_nothing_to_undo(self):
        out, stub = connect(fail={("POST", "/sip-media-applications"): (403, "ForbiddenException")})
        self.assertMessage(out, "creating the SIP media application", "ForbiddenException")
        self.assertEqual(len(stub.requests), 1)
        self.assertNothingLeft(stub)

    def test_point_grants_the_new_alias_moves_the_endpoint_and_removes_the_old_grant(self):
        existing = {FUNCTION: {f"sma-{SMA_ID}": statement(f"sma-{SMA_ID}"),
                               "other": statement("other", "arn:aws:chime:us-east-1:1:sma/x")}}
        out, stub = run("point", "--sip-media-application-id", SMA_ID, "--function-arn", V2,
                        existing=existing)
        self.assertEqual(out.returncode, 0, out.stderr)
        calls = [(m, p) for m, p, _ in stub.requests]
        self.assertEqual(calls, [
            ("GET", f"/sip-media-applications/{SMA_ID}"),
            ("POST", f"/2015-03-31/functions/{V2}/policy"),
            ("PUT", f"/sip-media-applications/{SMA_ID}"),
            ("GET", f"/2015-03-31/functions/{FUNCTION}/policy"),
            ("DELETE", f"/2015-03-31/functions/{FUNCTION}/policy/sma-{SMA_ID}"),
        ])
        self.assertEqual(stub.requests[1][2]["SourceArn"], SMA_ARN)
        self.assertEqual(stub.requests[2][2]["Endpoints"], [{"LambdaArn": V2}])
        self.assertEqual(list(stub.policies[FUNCTION]), ["other"], "another SMA's grant stays")
        self.assertEqual(json.loads(out.stdout)["RemovedGrants"],
                         [{"FunctionArn": FUNCTION, "StatementId": f"sma-{SMA_ID}"}])

    def test_a_failed_point_removes_the_new_grant(self):
        out, stub = run("point", "--sip-media-application-id", SMA_ID, "--function-arn", V2,
                        fail={("PUT", "/sip-media-applications/"): (500, "ServiceFailureException")})
        self.assertMessage(out, "moving the endpoint", "ServiceFailureException")
        self.assertEqual(stub.policies.get(V2, {}), {})

    def test_a_number_that_is_not_e164_is_refused_before_any_call(self):
        for number in ["2065550100", "+" + "1" * 21, "+0206555010", "+1206555010x"]:
            out, stub = run("connect", "--function-arn", FUNCTION, "--phone-number", number)
            self.assertMessage(out, "E.164")
            self.assertEqual(stub.requests, [], number)

    def test_a_region_other_than_the_functions_is_refused_before_any_call(self):
        out, stub = run("--region", "eu-west-1", "connect", "--function-arn", FUNCTION,
                        "--phone-number", "+12065550100")
        self.assertMessage(out, "eu-west-1", "us-east-1")
        self.assertEqual(stub.requests, [])

    def test_an_unreachable_endpoint_is_a_message_not_a_traceback(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        out = command(f"http://127.0.0.1:{port}", "connect", "--function-arn", FUNCTION,
                      "--phone-number", "+12065550100")
        self.assertMessage(out, "creating the SIP media application")

    def test_help_is_whole(self):
        out = subprocess.run([sys.executable, os.path.join(HERE, "sma_deploy.py"), "--help"],
                             env=environment(), capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("removes the grants the SIP media", out.stdout)
        self.assertIn("Uses boto3 and the usual AWS configuration", out.stdout)


if __name__ == "__main__":
    unittest.main()
