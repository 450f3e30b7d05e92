"""Filters, event trackers and events through boto3 (a second SDK): typed errors and statuses.

The endpoint comes from AWS_ENDPOINT_URL, credentials and region from the environment. Prints
one JSON object with what each call answered.
"""

import json
import sys
import time

import boto3

personalize = boto3.client("personalize")
runtime = boto3.client("personalize-runtime")
events = boto3.client("personalize-events")
seen = {}


def wait_active(describe, key):
    for _ in range(600):
        status = describe()[key]["status"]
        if status not in ("CREATE PENDING", "CREATE IN_PROGRESS"):
            return status
        time.sleep(0.05)
    return "timeout"


group_arn = personalize.create_dataset_group(name="boto3-filters")["datasetGroupArn"]
wait_active(lambda: personalize.describe_dataset_group(datasetGroupArn=group_arn), "datasetGroup")
for dataset_type, fields in [
    ("Interactions", [("USER_ID", "string"), ("ITEM_ID", "string"), ("TIMESTAMP", "long"), ("EVENT_TYPE", "string")]),
    ("Items", [("ITEM_ID", "string"), ("GENRE", "string")]),
]:
    schema = {
        "type": "record",
        "name": dataset_type,
        "namespace": "com.amazonaws.personalize.schema",
        "fields": [dict(name=name, type=kind, **({"categorical": True} if name == "GENRE" else {})) for name, kind in fields],
        "version": "1.0",
    }
    schema_arn = personalize.create_schema(name="boto3-" + dataset_type.lower(), schema=json.dumps(schema))["schemaArn"]
    dataset_arn = personalize.create_dataset(
        name="boto3-" + dataset_type.lower(), datasetGroupArn=group_arn, schemaArn=schema_arn, datasetType=dataset_type
    )["datasetArn"]
    wait_active(lambda: personalize.describe_dataset(datasetArn=dataset_arn), "dataset")

try:
    personalize.create_filter(
        name="bad", datasetGroupArn=group_arn, filterExpression='EXCLUDE ItemID WHERE Items.GENRE NOT IN ($GENRE)'
    )
    seen["invalidFilter"] = "accepted"
except personalize.exceptions.InvalidInputException as error:
    seen["invalidFilter"] = error.response["Error"]["Message"]

filter_arn = personalize.create_filter(
    name="genre", datasetGroupArn=group_arn, filterExpression="INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)"
)["filterArn"]
seen["filterStatus"] = wait_active(lambda: personalize.describe_filter(filterArn=filter_arn), "filter")
seen["filterNames"] = [entry["name"] for entry in personalize.list_filters(datasetGroupArn=group_arn)["Filters"]]

try:
    runtime.get_recommendations(
        campaignArn=group_arn.replace("dataset-group", "campaign"), userId="u1", filterArn=filter_arn
    )
except runtime.exceptions.ResourceNotFoundException as error:
    seen["unknownCampaign"] = {
        "code": error.response["Error"]["Code"],
        "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
    }

try:
    events.put_events(
        trackingId="no-such-tracker",
        sessionId="s1",
        eventList=[{"eventType": "click", "itemId": "i1", "sentAt": int(time.time())}],
    )
except events.exceptions.InvalidInputException as error:
    seen["unknownTracker"] = error.response["Error"]["Code"]

tracker = personalize.create_event_tracker(name="boto3-tracker", datasetGroupArn=group_arn)
seen["trackerStatus"] = wait_active(
    lambda: personalize.describe_event_tracker(eventTrackerArn=tracker["eventTrackerArn"]), "eventTracker"
)
events.put_events(
    trackingId=tracker["trackingId"],
    userId="u1",
    sessionId="s1",
    eventList=[{"eventType": "click", "sentAt": int(time.time()), "properties": json.dumps({"itemId": "i1"})}],
)
seen["accepted"] = True
try:
    events.put_events(
        trackingId=tracker["trackingId"],
        userId="u1",
        sessionId="s1",
        eventList=[{"eventType": "click", "itemId": "i1", "sentAt": int(time.time()), "properties": '{"sessionId": "x"}'}],
    )
except events.exceptions.InvalidInputException as error:
    seen["forbiddenKey"] = error.response["Error"]["Message"]

json.dump(seen, sys.stdout)
