"""Trains every recipe the Local sandbox trains, through boto3 (a second, independent AWS SDK).

Usage: python3 boto3_train.py ENDPOINT RECIPE[,RECIPE...]. Generates 3,000 interactions (150 users
in 5 taste groups), imports them, creates one solution and version per recipe, waits for each
version's final status and prints one JSON object: per recipe its final status, failureReason
and metrics, and one answer of GetRecommendations or GetPersonalizedRanking from a campaign
(USER_SEGMENTATION recipes: the refused campaign's error code and a batch segment job's first line).
electron/sandbox/recipes-boto3.itest.ts asserts on it.
"""
import json
import sys
import time

import boto3
from botocore.config import Config

endpoint, recipes = sys.argv[1], sys.argv[2].split(",")
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
personalize = boto3.client("personalize", **kw)
runtime = boto3.client("personalize-runtime", **kw)
s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"}), **kw)


def wait(describe, key, transient=("CREATE PENDING", "CREATE IN_PROGRESS"), timeout=240):
    deadline = time.time() + timeout
    while True:
        resource = describe()[key]
        if resource["status"] not in transient or time.time() > deadline:
            return resource
        time.sleep(0.1)


rows = ["USER_ID,ITEM_ID,TIMESTAMP"]
for user in range(150):
    for k in range(20):
        rows.append(f"u{user},g{user % 5}-{(user + k) % 25},{1_600_000_000 + user * 1000 + k * 10}")
s3.create_bucket(Bucket="boto3-train")
s3.put_object(Bucket="boto3-train", Key="interactions.csv", Body="\n".join(rows).encode() + b"\n")

group = personalize.create_dataset_group(name="boto3-train")["datasetGroupArn"]
wait(lambda: personalize.describe_dataset_group(datasetGroupArn=group), "datasetGroup")
schema = personalize.create_schema(
    name="boto3-interactions",
    schema=json.dumps({
        "type": "record", "name": "Interactions", "namespace": "com.amazonaws.personalize.schema",
        "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
                   {"name": "TIMESTAMP", "type": "long"}],
        "version": "1.0",
    }),
)["schemaArn"]
dataset = personalize.create_dataset(
    name="boto3-interactions", datasetGroupArn=group, schemaArn=schema, datasetType="Interactions"
)["datasetArn"]
wait(lambda: personalize.describe_dataset(datasetArn=dataset), "dataset")
job = personalize.create_dataset_import_job(
    jobName="boto3-import", datasetArn=dataset,
    dataSource={"dataLocation": "s3://boto3-train/interactions.csv"},
)["datasetImportJobArn"]
seen = {"import": wait(lambda: personalize.describe_dataset_import_job(datasetImportJobArn=job),
                       "datasetImportJob")["status"], "recipes": {}}

versions = {}
for recipe in recipes:
    solution = personalize.create_solution(
        name=recipe, datasetGroupArn=group, recipeArn=f"arn:aws:personalize:::recipe/{recipe}"
    )["solutionArn"]
    wait(lambda: personalize.describe_solution(solutionArn=solution), "solution")
    versions[recipe] = personalize.create_solution_version(solutionArn=solution)["solutionVersionArn"]

for recipe, version in versions.items():
    described = wait(lambda: personalize.describe_solution_version(solutionVersionArn=version),
                     "solutionVersion")
    entry = {"status": described["status"], "failureReason": described.get("failureReason")}
    if described["status"] == "ACTIVE":
        entry["metrics"] = personalize.get_solution_metrics(solutionVersionArn=version)["metrics"]
    seen["recipes"][recipe] = entry

# USER_SEGMENTATION versions deploy to no campaign: they answer batch segment jobs.
s3.put_object(Bucket="boto3-train", Key="segments/item.json", Body=b'{"itemId": "g1-3"}\n')
s3.put_object(Bucket="boto3-train", Key="segments/attributes.json",
              Body=b'{"itemAttributes": "ITEMS.GENRE = \\"Comedy\\""}\n')
for recipe in ("aws-item-affinity", "aws-item-attribute-affinity"):
    if seen["recipes"].get(recipe, {}).get("status") != "ACTIVE":
        continue
    try:
        personalize.create_campaign(name=f"{recipe}-c", solutionVersionArn=versions[recipe])
    except personalize.exceptions.InvalidInputException as error:
        seen["recipes"][recipe]["campaignError"] = error.response["Error"]["Code"]
    source = "item.json" if recipe == "aws-item-affinity" else "attributes.json"
    job = personalize.create_batch_segment_job(
        jobName=f"{recipe}-segment", solutionVersionArn=versions[recipe], numResults=5,
        roleArn="arn:aws:iam::123456789012:role/PersonalizeBatch",
        jobInput={"s3DataSource": {"path": f"s3://boto3-train/segments/{source}"}},
        jobOutput={"s3DataDestination": {"path": f"s3://boto3-train/segments-out/{recipe}/"}},
    )["batchSegmentJobArn"]
    status = wait(lambda: personalize.describe_batch_segment_job(batchSegmentJobArn=job),
                  "batchSegmentJob")["status"]
    body = s3.get_object(Bucket="boto3-train", Key=f"segments-out/{recipe}/{source}.out")["Body"]
    line = json.loads(body.read().decode().splitlines()[0])
    seen["recipes"][recipe]["segmentJob"] = status
    seen["recipes"][recipe]["answer"] = line.get("output", {}).get("recommendedUsers", line.get("error"))

# One campaign at a time (an account holds at most 5 ACTIVE campaigns).
for recipe, version in versions.items():
    if seen["recipes"][recipe]["status"] != "ACTIVE" or "segmentJob" in seen["recipes"][recipe]:
        continue
    campaign = personalize.create_campaign(name=f"{recipe}-c", solutionVersionArn=version)["campaignArn"]
    wait(lambda: personalize.describe_campaign(campaignArn=campaign), "campaign")
    recipe_type = personalize.describe_recipe(recipeArn=f"arn:aws:personalize:::recipe/{recipe}")["recipe"]["recipeType"]
    if recipe_type == "PERSONALIZED_RANKING":
        answer = runtime.get_personalized_ranking(campaignArn=campaign, userId="u1",
                                                  inputList=["g1-3", "g2-3", "g1-9"])["personalizedRanking"]
    elif recipe_type == "RELATED_ITEMS":
        answer = runtime.get_recommendations(campaignArn=campaign, itemId="g1-3", numResults=5)["itemList"]
    else:
        answer = runtime.get_recommendations(campaignArn=campaign, userId="u1", numResults=5)["itemList"]
    seen["recipes"][recipe]["answer"] = [item["itemId"] for item in answer]
    personalize.delete_campaign(campaignArn=campaign)
    # A deleting campaign still counts against the group's 5 campaigns: wait until it is gone.
    deadline = time.time() + 240
    while time.time() < deadline:
        try:
            personalize.describe_campaign(campaignArn=campaign)
        except personalize.exceptions.ResourceNotFoundException:
            break
        time.sleep(0.1)
print(json.dumps(seen))
