"""The example IVR's logic in Python, as a Lambda handler would be written: the event parsed
into dicts, fields looked up by name, the response built as dicts and serialized.

`compare.py` times `answer` with the standard `json` module and with `orjson`, and checks that
its answers are the Rust implementations' answers."""

SALES = "+12065550100"
GREETING = "Thanks for calling Example Dental."
MENU = "Press 1 for sales, 2 for support, or 0 to hear these options again."
RETRY = "Sorry, I did not get that."
TO_SALES = "Connecting you to sales."
SUPPORT = "Support is open Monday to Friday, 9 to 5. Goodbye."
GOODBYE = "Sorry, goodbye."
NOBODY = "Nobody is available right now. Goodbye."
CANNOT = "We cannot connect your call right now. Goodbye."


def is_e164(s):
    digits = s[1:]
    return (
        s.startswith("+")
        and 2 <= len(digits) <= 15
        and digits.isascii()
        and digits.isdigit()
        and not digits.startswith("0")
    )


def speak(call_id, text):
    return {"Type": "Speak", "Parameters": {"CallId": call_id, "Text": text}}


def hangup(call_id):
    return {"Type": "Hangup", "Parameters": {"CallId": call_id, "SipResponseCode": 0}}


def menu(call_id):
    return {
        "Type": "SpeakAndGetDigits",
        "Parameters": {
            "CallId": call_id,
            "SpeechParameters": {"Text": MENU},
            "FailureSpeechParameters": {"Text": RETRY},
            "InputDigitsRegex": "^[0-2]$",
            "MinNumberOfDigits": 1,
            "MaxNumberOfDigits": 1,
            "Repeat": 3,
            "RepeatDurationInMilliseconds": 5000,
        },
    }


def respond(event):
    parts = event.get("CallDetails", {}).get("Participants", [])
    leg_a = next(
        (p for p in parts if str(p.get("ParticipantTag", "")).upper() == "LEG-A"), None
    )
    caller = leg_a["CallId"] if leg_a else ""
    data = event.get("ActionData") or {}
    kind = data.get("Type", "")
    event_type = event.get("InvocationEventType", "")
    actions = []
    if event_type == "NEW_INBOUND_CALL":
        actions = [speak(caller, GREETING), menu(caller)]
    elif event_type == "ACTION_SUCCESSFUL" and kind == "SpeakAndGetDigits":
        digits = data.get("ReceivedDigits")
        if digits == "1":
            own = leg_a.get("To") if leg_a else None
            caller_id = own if own and is_e164(own) else SALES
            bridge = {
                "Type": "CallAndBridge",
                "Parameters": {
                    "CallTimeoutSeconds": 30,
                    "CallerIdNumber": caller_id,
                    "Endpoints": [{"BridgeEndpointType": "PSTN", "Uri": SALES}],
                },
            }
            actions = [speak(caller, TO_SALES), bridge]
        elif digits == "2":
            actions = [speak(caller, SUPPORT), hangup(caller)]
        else:
            actions = [menu(caller)]
    elif event_type == "ACTION_FAILED" and kind == "SpeakAndGetDigits":
        actions = [speak(caller, GOODBYE), hangup(caller)]
    elif event_type == "ACTION_FAILED" and kind == "CallAndBridge":
        text = NOBODY if data.get("ErrorType") == "CallNotAnswered" else CANNOT
        actions = [speak(caller, text), hangup(caller)]
    elif event_type == "HANGUP":
        actions = [hangup(p["CallId"]) for p in parts if p.get("Status") != "Disconnected"]
    elif event_type == "CALL_UPDATE_REQUESTED":
        text = ((data.get("Parameters") or {}).get("Arguments") or {}).get("announce")
        if text is None:
            return {"SchemaVersion": "1.0"}
        actions = [speak(caller, text)]
    elif event_type in ("ACTION_SUCCESSFUL", "DIGITS_RECEIVED"):
        return {"SchemaVersion": "1.0"}
    return {"SchemaVersion": "1.0", "Actions": actions}


def answer(event_bytes, loads, dumps):
    """Event bytes in, response bytes out."""
    out = dumps(respond(loads(event_bytes)))
    return out.encode() if isinstance(out, str) else out
