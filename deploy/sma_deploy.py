#!/usr/bin/env python3
"""Connects a deployed sma function to the PSTN audio service: the two steps `cargo lambda
deploy` does not do.

    sma_deploy.py connect --function-arn ARN --phone-number +E164 [--name NAME]
        creates the SIP media application with the function as its endpoint, grants the
        PSTN audio service the right to invoke the function (scoped to that SIP media
        application and this account), and creates the SIP rule that sends the number's
        calls to it. If a step fails, what the earlier steps made is removed again.
    sma_deploy.py point --sip-media-application-id ID --function-arn ARN
        moves an existing SIP media application to another version or alias of the function:
        grants that one first, then moves the endpoint, then removes the grants the SIP media
        application held on the function it used before.
    sma_deploy.py doctor --sip-media-application-id ID [--phone-number +E164]
        reads the wiring of a deployed SIP media application and reports what is wrong in the
        words of the troubleshooting page (Debugging unexpected hangups): the invoke permission
        and its scope, an endpoint on $LATEST, the function's timeout, architecture and
        concurrency, message logging, the SIP rule and the number's product type. It changes
        nothing; it exits with 1 when it finds a problem.

Give the function as a version or alias ARN (`...:function:ivr:live`) so that a deploy does not
change what answers calls until you point the SIP media application at it. The SIP media
application is made in the function's region (`--region`, if given, must name the same one).
Common options: `--region`, and `--endpoint-url` (for a local emulator or a test). Prints what
it did as JSON. Uses boto3 and the usual AWS configuration (profile, environment, role).
"""

import argparse
import json
import re
import sys

import boto3
import botocore.exceptions

import sma_doctor

PRINCIPAL = "voiceconnector.chime.amazonaws.com"
E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")


class Failed(Exception):
    """A step failed; the message says which and why."""


def arn_parts(function_arn):
    """(region, account) of a Lambda function ARN."""
    parts = function_arn.split(":")
    if len(parts) < 7 or parts[2] != "lambda" or parts[5] != "function":
        raise Failed(f"not a Lambda function ARN: {function_arn}")
    return parts[3], parts[4]


def region_of(args):
    region, account = arn_parts(args.function_arn)
    if args.region and args.region != region:
        raise Failed(f"--region {args.region} is not the function's region ({region}): a SIP "
                     "media application invokes functions of its own region")
    return region, account


def clients(args, region):
    kw = {"region_name": region}
    if args.endpoint_url:
        kw["endpoint_url"] = args.endpoint_url
    return boto3.client("chime-sdk-voice", **kw), boto3.client("lambda", **kw)


def step(what, call, **kw):
    """Runs one API call; a failure becomes `Failed` naming the step."""
    try:
        return call(**kw)
    except botocore.exceptions.ClientError as e:
        err = e.response.get("Error", {})
        raise Failed(f"{what} failed: {err.get('Code', 'error')}: {err.get('Message', e)}") from None
    except botocore.exceptions.BotoCoreError as e:
        raise Failed(f"{what} failed: {e}") from None


def grant(lam, function_arn, sma_arn, statement_id, account):
    """Only this SIP media application, in this account, may invoke the function."""
    step("granting the PSTN audio service the right to invoke the function", lam.add_permission,
         FunctionName=function_arn, StatementId=statement_id, Action="lambda:InvokeFunction",
         Principal=PRINCIPAL, SourceArn=sma_arn, SourceAccount=account)


def grants_of(lam, function_arn, sma_arn):
    """The statement ids of the function's policy that let this SIP media application invoke it."""
    try:
        policy = json.loads(lam.get_policy(FunctionName=function_arn)["Policy"])
    except botocore.exceptions.ClientError as e:
        if e.response.get("Error", {}).get("Code") == "ResourceNotFoundException":
            return []
        raise Failed(f"reading the policy of {function_arn} failed: {e}") from None
    found = []
    for s in policy.get("Statement", []):
        condition = json.dumps(s.get("Condition", {}))
        if PRINCIPAL in json.dumps(s.get("Principal", {})) and sma_arn in condition:
            found.append(s["Sid"])
    return found


def undo(done):
    """Runs the undo steps in reverse; a failing one is reported, the others still run."""
    left = []
    for what, call, kw in reversed(done):
        try:
            call(**kw)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
            left.append(f"{what}: {e}")
    return left


def connect(args):
    region, account = region_of(args)
    chime, lam = clients(args, region)
    done = []
    try:
        sma = step("creating the SIP media application", chime.create_sip_media_application,
                   AwsRegion=region, Name=args.name,
                   Endpoints=[{"LambdaArn": args.function_arn}])["SipMediaApplication"]
        sma_id, sma_arn = sma["SipMediaApplicationId"], sma["SipMediaApplicationArn"]
        done.append(("delete the SIP media application", chime.delete_sip_media_application,
                     {"SipMediaApplicationId": sma_id}))
        statement = f"sma-{sma_id}"
        grant(lam, args.function_arn, sma_arn, statement, account)
        done.append(("remove the permission", lam.remove_permission,
                     {"FunctionName": args.function_arn, "StatementId": statement}))
        rule = step("creating the SIP rule", chime.create_sip_rule, Name=args.name,
                    TriggerType="ToPhoneNumber", TriggerValue=args.phone_number,
                    TargetApplications=[{"SipMediaApplicationId": sma_id, "Priority": 1,
                                         "AwsRegion": region}])["SipRule"]
    except Failed as e:
        left = undo(done)
        if left:
            raise Failed(f"{e}; undoing the earlier steps failed too, remove by hand: "
                         + "; ".join(left)) from None
        raise Failed(f"{e}; the earlier steps were undone") from None
    return {"SipMediaApplicationId": sma_id, "SipMediaApplicationArn": sma_arn,
            "SipRuleId": rule["SipRuleId"], "FunctionArn": args.function_arn}


def point(args):
    region, account = region_of(args)
    chime, lam = clients(args, region)
    sma = step("reading the SIP media application", chime.get_sip_media_application,
               SipMediaApplicationId=args.sip_media_application_id)["SipMediaApplication"]
    sma_id, sma_arn = sma["SipMediaApplicationId"], sma["SipMediaApplicationArn"]
    before = [e["LambdaArn"] for e in sma.get("Endpoints", []) if e.get("LambdaArn")]
    statement = f"sma-{sma_id}-" + args.function_arn.rsplit(":", 1)[-1]
    grant(lam, args.function_arn, sma_arn, statement, account)
    try:
        step("moving the endpoint", chime.update_sip_media_application,
             SipMediaApplicationId=sma_id, Endpoints=[{"LambdaArn": args.function_arn}])
    except Failed as e:
        left = undo([("remove the new permission", lam.remove_permission,
                      {"FunctionName": args.function_arn, "StatementId": statement})])
        raise Failed(f"{e}; the new permission was {'not ' if left else ''}removed") from None
    removed = []
    for old in before:
        if old == args.function_arn:
            continue
        for sid in grants_of(lam, old, sma_arn):
            step("removing the old permission", lam.remove_permission, FunctionName=old,
                 StatementId=sid)
            removed.append({"FunctionArn": old, "StatementId": sid})
    return {"SipMediaApplicationId": sma_id, "FunctionArn": args.function_arn,
            "RemovedGrants": removed}


def doctor(args):
    kw = {"region_name": args.region} if args.region else {}
    if args.endpoint_url:
        kw["endpoint_url"] = args.endpoint_url
    try:
        chime, lam = boto3.client("chime-sdk-voice", **kw), boto3.client("lambda", **kw)
    except botocore.exceptions.BotoCoreError as e:
        raise Failed(f"cannot make the API clients: {e} (give --region)") from None
    on_lambda = {"get_policy", "get_function_configuration", "get_function_concurrency"}

    def read(what, operation, **params):
        client = lam if operation in on_lambda else chime
        if operation != "get_policy":
            return step(what, getattr(client, operation), **params)
        try:
            policy = client.get_policy(**params)["Policy"]
        except botocore.exceptions.ClientError as e:
            if e.response.get("Error", {}).get("Code") == "ResourceNotFoundException":
                return []  # no policy at all: no grant
            return step(what, client.get_policy, **params)
        except botocore.exceptions.BotoCoreError as e:
            raise Failed(f"{what} failed: {e}") from None
        return json.loads(policy).get("Statement", [])

    found = sma_doctor.diagnose(read, args.sip_media_application_id, args.phone_number)
    return {"SipMediaApplicationId": args.sip_media_application_id,
            "Problems": sum(1 for f in found if not f["ok"]), "Findings": found}


def main(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--region", help="the region (default: the function ARN's for connect "
                        "and point, the AWS configuration's for doctor)")
    parser.add_argument("--endpoint-url", help="an API endpoint (a local emulator, a test)")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("connect", help="create the SIP media application, permission and SIP rule")
    c.add_argument("--function-arn", required=True)
    c.add_argument("--phone-number", required=True, help="E.164, ordered in the Chime SDK")
    c.add_argument("--name", default="sma-function")
    p = sub.add_parser("point", help="point a SIP media application at another version or alias")
    p.add_argument("--sip-media-application-id", required=True)
    p.add_argument("--function-arn", required=True)
    d = sub.add_parser("doctor", help="report what is wrong with a SIP media application's wiring")
    d.add_argument("--sip-media-application-id", required=True)
    d.add_argument("--phone-number", help="E.164: also check its SIP rule and product type")
    args = parser.parse_args(argv)
    number = getattr(args, "phone_number", None)
    if number is not None and not E164.match(number):
        parser.error(f"--phone-number is not E.164 (+, then 2 to 15 digits): {number}")
    commands = {"connect": connect, "point": point, "doctor": doctor}
    try:
        done = commands[args.command](args)
    except Failed as e:
        print(f"sma_deploy: {e}", file=sys.stderr)
        return 1
    print(json.dumps(done, indent=2))
    if done.get("Problems"):
        print(f"sma_deploy: {done['Problems']} problem(s) in the wiring; see the findings",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
