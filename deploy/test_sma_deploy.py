#!/usr/bin/env python3
"""Offline test of sma_deploy.py: the command runs against a stub of the Chime SDK Voice and
Lambda APIs on loopback (canned replies in the shape the APIs document), with dummy
credentials and the instance-metadata lookup off; the test checks every request it made."""

import http.server
import json
import os
import subprocess
import sys
import threading
import unittest
from urllib.parse import unquote

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTION = "arn:aws:lambda:us-east-1:111122223333:function:ivr:live"
SMA_ID = "5a1e5a1e-0000-4000-8000-000000000001"
SMA_ARN = f"arn:aws:chime:us-east-1:111122223333:sma/{SMA_ID}"


class Stub(http.server.ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests = []


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        path = unquote(self.path.split("?")[0])
        self.server.requests.append((self.command, path, body))
        sma = {"SipMediaApplicationId": SMA_ID, "SipMediaApplicationArn": SMA_ARN,
               "AwsRegion": "us-east-1", "Name": "ivr", "Endpoints": [{"LambdaArn": FUNCTION}]}
        if self.command == "POST" and path == "/sip-media-applications":
            return self.reply(201, {"SipMediaApplication": sma})
        if self.command == "GET" and path == f"/sip-media-applications/{SMA_ID}":
            return self.reply(200, {"SipMediaApplication": sma})
        if self.command == "PUT" and path == f"/sip-media-applications/{SMA_ID}":
            return self.reply(200, {"SipMediaApplication": dict(sma, Endpoints=body.get("Endpoints"))})
        if self.command == "POST" and path == "/sip-rules":
            return self.reply(201, {"SipRule": {"SipRuleId": "rule-1", "Name": body.get("Name")}})
        if self.command == "POST" and path.startswith("/2015-03-31/functions/") and path.endswith("/policy"):
            return self.reply(201, {"Statement": json.dumps({"Sid": body.get("StatementId")})})
        self.reply(404, {"message": f"no stub for {self.command} {path}"})

    do_GET = do_POST = do_PUT = handle_any


def run(*args):
    stub = Stub()
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ACCESS_KEY_ID": "AKIDLOCALTEST",
        "AWS_SECRET_ACCESS_KEY": "local-test-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    }
    url = f"http://127.0.0.1:{stub.server_address[1]}"
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "sma_deploy.py"), "--endpoint-url", url, *args],
        env=env, capture_output=True, text=True, timeout=60)
    stub.shutdown()
    stub.server_close()
    return out, stub.requests


class Deploy(unittest.TestCase):
    def test_connect_creates_the_sma_a_scoped_permission_and_the_rule(self):
        out, requests = run("connect", "--function-arn", FUNCTION, "--phone-number", "+12065550100",
                            "--name", "ivr")
        self.assertEqual(out.returncode, 0, out.stderr)
        calls = [(m, p) for m, p, _ in requests]
        self.assertEqual(calls, [
            ("POST", "/sip-media-applications"),
            ("POST", f"/2015-03-31/functions/{FUNCTION}/policy"),
            ("POST", "/sip-rules"),
        ])
        sma, permission, rule = (b for _, _, b in requests)
        self.assertEqual(sma["Endpoints"], [{"LambdaArn": FUNCTION}])
        self.assertEqual(sma["AwsRegion"], "us-east-1")
        self.assertEqual(permission["Principal"], "voiceconnector.chime.amazonaws.com")
        self.assertEqual(permission["Action"], "lambda:InvokeFunction")
        self.assertEqual(permission["SourceArn"], SMA_ARN, "scoped to this SIP media application")
        self.assertEqual(permission["SourceAccount"], "111122223333", "and this account")
        self.assertEqual(rule["TriggerType"], "ToPhoneNumber")
        self.assertEqual(rule["TriggerValue"], "+12065550100")
        self.assertEqual(rule["TargetApplications"],
                         [{"SipMediaApplicationId": SMA_ID, "Priority": 1, "AwsRegion": "us-east-1"}])
        self.assertEqual(json.loads(out.stdout)["SipRuleId"], "rule-1")

    def test_point_grants_the_new_alias_then_moves_the_endpoint(self):
        v2 = FUNCTION.rsplit(":", 1)[0] + ":v2"
        out, requests = run("point", "--sip-media-application-id", SMA_ID, "--function-arn", v2)
        self.assertEqual(out.returncode, 0, out.stderr)
        calls = [(m, p) for m, p, _ in requests]
        self.assertEqual(calls, [
            ("GET", f"/sip-media-applications/{SMA_ID}"),
            ("POST", f"/2015-03-31/functions/{v2}/policy"),
            ("PUT", f"/sip-media-applications/{SMA_ID}"),
        ])
        self.assertEqual(requests[1][2]["SourceArn"], SMA_ARN)
        self.assertEqual(requests[2][2]["Endpoints"], [{"LambdaArn": v2}])

    def test_a_number_that_is_not_e164_is_refused_before_any_call(self):
        out, requests = run("connect", "--function-arn", FUNCTION, "--phone-number", "2065550100")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("E.164", out.stderr)
        self.assertEqual(requests, [])


if __name__ == "__main__":
    unittest.main()
