"""What the protocol tests' Triton client scripts share: a failed call as {status, message}."""
from tritonclient.utils import InferenceServerException


def error_of(call):
    """Runs `call`; returns the server's error as the client reports it, or None if it worked."""
    try:
        call()
    except InferenceServerException as e:
        return {"status": e.status(), "message": e.message()}
    return None
