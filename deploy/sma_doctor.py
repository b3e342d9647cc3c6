"""`sma_deploy.py doctor`: reads a deployed SIP media application's wiring and says what is
wrong in the words of the PSTN audio troubleshooting page ("Debugging unexpected hangups",
chime-sdk/latest/dg/unexpected-hangups.html). It reads the wiring and changes nothing.

Each check gives a finding: {"check", "ok", "detail"}. A finding that is not ok is a problem.
"""

import json

PRINCIPAL = "voiceconnector.chime.amazonaws.com"
SERVICE_WAIT_S = 20
DIAL_IN = "SipMediaApplicationDialIn"


def finding(check, ok, detail):
    return {"check": check, "ok": ok, "detail": detail}


def qualifier(function_arn):
    """The alias or version an ARN names, or None for the unqualified ARN ($LATEST)."""
    parts = function_arn.split(":")
    if len(parts) >= 8 and parts[7] and parts[7] != "$LATEST":
        return parts[7]
    return None


def endpoint(arn):
    if qualifier(arn):
        return finding("endpoint", True, f"the SIP media application invokes {arn}, a version "
                       "or alias: a deploy changes nothing until you point it elsewhere")
    return finding("endpoint", False, f"the SIP media application invokes {arn}, which is "
                   "$LATEST: every deploy changes what answers calls at once. Publish a version, "
                   "give it an alias, and move the endpoint there (sma_deploy.py point)")


def permission(statements, sma_arn, account):
    """The function's grants to the PSTN audio service principal, and whether they are scoped."""
    def actions(s):
        action = s.get("Action", [])
        return action if isinstance(action, list) else [action]

    granted = [s for s in statements
               if PRINCIPAL in json.dumps(s.get("Principal", {}))
               and s.get("Effect", "Allow") == "Allow"
               and {"lambda:InvokeFunction", "lambda:*"} & set(actions(s))]
    if not granted:
        return finding("permission", False, "Access denied while invoking the AWS Lambda "
                       f"function: the function's policy does not grant {PRINCIPAL} the "
                       "lambda:InvokeFunction permission, so every call hangs up (sma_deploy.py "
                       "point grants it, scoped to this SIP media application)")
    for s in granted:
        condition = json.dumps(s.get("Condition", {}))
        if sma_arn in condition and account in condition:
            return finding("permission", True, f"{PRINCIPAL} may invoke the function, scoped "
                           "by SourceArn to this SIP media application and by SourceAccount")
    return finding("permission", False, f"{PRINCIPAL} may invoke the function, but the grant "
                   "is not scoped by SourceArn to this SIP media application and by "
                   "SourceAccount: any SIP media application of any account could invoke it. "
                   "Grant it again with both conditions (sma_deploy.py point)")


def configuration(config):
    timeout = config.get("Timeout", 3)
    arch = ", ".join(config.get("Architectures", ["x86_64"]))
    if timeout > SERVICE_WAIT_S:
        return finding("timeout", False, f"the function may run {timeout} s, but the service "
                       f"waits {SERVICE_WAIT_S} s (\"AWS Lambda client operation timed out\"): "
                       f"an invocation past {SERVICE_WAIT_S} s is billed after the call has hung "
                       f"up. Set the timeout to {SERVICE_WAIT_S} s or less ({arch})")
    return finding("timeout", True, f"the function may run {timeout} s, within the service's "
                   f"{SERVICE_WAIT_S} s ({arch})")


def concurrency(reserved):
    if reserved == 0:
        return finding("concurrency", False, "The AWS Lambda function was throttled: its "
                       "reserved concurrency is 0, so the service cannot invoke it at all. "
                       "Remove the reservation or raise it")
    shown = "unreserved" if reserved is None else f"{reserved} reserved"
    return finding("concurrency", True, f"concurrency: {shown}")


def logging(enabled):
    if enabled:
        return finding("message logs", True, "message logging is on: the SIP media "
                       "application's CloudWatch messages explain an unexpected hang-up")
    return finding("message logs", False, "message logging is off: the SIP media application's "
                   "CloudWatch messages (\"Access denied while invoking the AWS Lambda "
                   "function.\", \"The AWS Lambda function was throttled.\") are where an "
                   "unexpected hang-up is explained. Turn it on "
                   "(PutSipMediaApplicationLoggingConfiguration)")


def sip_rules(rules, sma_id, number):
    """The SIP rules that send calls to this SIP media application (and to `number`)."""
    targeting = [r for r in rules if any(t.get("SipMediaApplicationId") == sma_id
                                          for t in r.get("TargetApplications", []))]
    if number:
        targeting = [r for r in targeting if r.get("TriggerType") == "ToPhoneNumber"
                     and r.get("TriggerValue") == number]
    what = f"calls to {number}" if number else "calls"
    if not targeting:
        return finding("SIP rule", False, f"no SIP rule sends {what} to this SIP media "
                       "application: the calls never reach the function "
                       "(sma_deploy.py connect makes one)")
    enabled = [r for r in targeting if not r.get("Disabled")]
    if not enabled:
        return finding("SIP rule", False, f"the SIP rule that sends {what} here is disabled "
                       f"({targeting[0].get('SipRuleId')}): enable it")
    return finding("SIP rule", True, f"SIP rule {enabled[0].get('SipRuleId')} sends {what} here")


def phone_number(number, found):
    product = found.get("ProductType")
    if product != DIAL_IN:
        return finding("phone number", False, f"{number} has the product type {product}: calls "
                       f"reach a SIP media application only from a {DIAL_IN} number. Order one "
                       "of that type, or change the number's product type")
    return finding("phone number", True, f"{number} is a {DIAL_IN} number")


def diagnose(read, sma_id, number):
    """All the findings. `read(what, operation, **kw)` makes one call; a call the checks can do
    without (an unreadable policy, say) raises, and the caller reports it."""
    sma = read("reading the SIP media application", "get_sip_media_application",
               SipMediaApplicationId=sma_id)["SipMediaApplication"]
    sma_arn = sma.get("SipMediaApplicationArn", "")
    account = sma_arn.split(":")[4] if sma_arn.count(":") >= 5 else ""
    found = []
    arns = [e["LambdaArn"] for e in sma.get("Endpoints", []) if e.get("LambdaArn")]
    if not arns:
        found.append(finding("endpoint", False, "the SIP media application has no Lambda "
                             "endpoint"))
    for arn in arns:
        found.append(endpoint(arn))
        statements = read("reading the function's policy", "get_policy", FunctionName=arn)
        found.append(permission(statements, sma_arn, account))
        found.append(configuration(read("reading the function's configuration",
                                        "get_function_configuration", FunctionName=arn)))
        reserved = read("reading the function's concurrency", "get_function_concurrency",
                        FunctionName=arn.split(":")[6] if arn.count(":") >= 6 else arn)
        found.append(concurrency(reserved.get("ReservedConcurrentExecutions")))
    config = read("reading the message logging configuration",
                  "get_sip_media_application_logging_configuration",
                  SipMediaApplicationId=sma_id).get("SipMediaApplicationLoggingConfiguration", {})
    found.append(logging(config.get("EnableSipMediaApplicationMessageLogs", False)))
    rules = read("listing the SIP rules", "list_sip_rules", SipMediaApplicationId=sma_id)
    found.append(sip_rules(rules.get("SipRules", []), sma_id, number))
    if number:
        found.append(phone_number(number, read("reading the phone number", "get_phone_number",
                                               PhoneNumberId=number)["PhoneNumber"]))
    return found
