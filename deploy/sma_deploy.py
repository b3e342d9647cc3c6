#!/usr/bin/env python3
"""Connects a deployed sma function to the PSTN audio service: the two steps `cargo lambda
deploy` does not do.

    sma_deploy.py connect --function-arn ARN --phone-number +E164 [--name NAME]
        creates the SIP media application with the function as its endpoint, grants the
        PSTN audio service the right to invoke the function (scoped to that SIP media
        application and this account), and creates the SIP rule that sends the number's
        calls to it;
    sma_deploy.py point --sip-media-application-id ID --function-arn ARN
        moves an existing SIP media application to another version or alias of the function
        (granting that one first).

Give the function as a version or alias ARN (`…:function:ivr:live`) so that a deploy does not
change what answers calls until you point the SIP media application at it. Common options:
`--region`, and `--endpoint-url` (for a local emulator or a test). Prints what it did as JSON.
Uses boto3 and the usual AWS configuration (profile, environment, role).
"""

import argparse
import json
import sys

import boto3

PRINCIPAL = "voiceconnector.chime.amazonaws.com"


def arn_parts(function_arn):
    """(region, account) of a Lambda function ARN."""
    parts = function_arn.split(":")
    if len(parts) < 7 or parts[2] != "lambda" or parts[5] != "function":
        raise SystemExit(f"not a Lambda function ARN: {function_arn}")
    return parts[3], parts[4]


def clients(args, region):
    kw = {"region_name": region}
    if args.endpoint_url:
        kw["endpoint_url"] = args.endpoint_url
    return boto3.client("chime-sdk-voice", **kw), boto3.client("lambda", **kw)


def grant(lam, function_arn, sma_arn, sma_id, account):
    """Only this SIP media application, in this account, may invoke the function."""
    lam.add_permission(
        FunctionName=function_arn,
        StatementId=f"sma-{sma_id}",
        Action="lambda:InvokeFunction",
        Principal=PRINCIPAL,
        SourceArn=sma_arn,
        SourceAccount=account,
    )


def connect(args):
    region, account = arn_parts(args.function_arn)
    region = args.region or region
    chime, lam = clients(args, region)
    sma = chime.create_sip_media_application(
        AwsRegion=region, Name=args.name, Endpoints=[{"LambdaArn": args.function_arn}]
    )["SipMediaApplication"]
    sma_id, sma_arn = sma["SipMediaApplicationId"], sma["SipMediaApplicationArn"]
    grant(lam, args.function_arn, sma_arn, sma_id, account)
    rule = chime.create_sip_rule(
        Name=args.name,
        TriggerType="ToPhoneNumber",
        TriggerValue=args.phone_number,
        TargetApplications=[{"SipMediaApplicationId": sma_id, "Priority": 1, "AwsRegion": region}],
    )["SipRule"]
    return {"SipMediaApplicationId": sma_id, "SipMediaApplicationArn": sma_arn,
            "SipRuleId": rule["SipRuleId"], "FunctionArn": args.function_arn}


def point(args):
    region, account = arn_parts(args.function_arn)
    region = args.region or region
    chime, lam = clients(args, region)
    sma = chime.get_sip_media_application(SipMediaApplicationId=args.sip_media_application_id)
    sma = sma["SipMediaApplication"]
    grant(lam, args.function_arn, sma["SipMediaApplicationArn"], sma["SipMediaApplicationId"] + "-" +
          args.function_arn.rsplit(":", 1)[-1], account)
    chime.update_sip_media_application(
        SipMediaApplicationId=args.sip_media_application_id,
        Endpoints=[{"LambdaArn": args.function_arn}],
    )
    return {"SipMediaApplicationId": args.sip_media_application_id, "FunctionArn": args.function_arn}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region")
    parser.add_argument("--endpoint-url")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("connect", help="create the SIP media application, permission and SIP rule")
    c.add_argument("--function-arn", required=True)
    c.add_argument("--phone-number", required=True, help="E.164, ordered in the Chime SDK")
    c.add_argument("--name", default="sma-function")
    p = sub.add_parser("point", help="point a SIP media application at another version or alias")
    p.add_argument("--sip-media-application-id", required=True)
    p.add_argument("--function-arn", required=True)
    args = parser.parse_args(argv)
    if args.command == "connect" and not (args.phone_number.startswith("+") and args.phone_number[1:].isdigit()):
        parser.error(f"--phone-number is not E.164: {args.phone_number}")
    done = connect(args) if args.command == "connect" else point(args)
    print(json.dumps(done, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
