"""The Amazon Personalize "POC in a box" notebooks 01-06, call by call, as one boto3 script.

Follows the completed notebooks of aws-samples/amazon-personalize-samples
(next_steps/workshops/POC_in_a_box/completed): create the dataset group, the Interactions and
Items schemas and datasets, the S3 bucket, its policy and the IAM role, import both files; train
user-personalization, SIMS and personalized-ranking; deploy three campaigns; create the genre,
watched / unwatched and decade filters; get recommendations, send events through an event
tracker, rerank, run a batch inference job; then delete everything.

Nothing here knows about the Local sandbox: boto3 reads the endpoint from AWS_ENDPOINT_URL and
the credentials and region from the usual environment variables, as with a real account.

Environment:
  POC_DATA_DIR   folder with interactions.csv and item-meta.csv (the notebooks' poc_data)
  POLL_SECONDS   seconds between status polls (the notebooks wait 60)
  RANDOM_SEED    seed of the notebooks' random samples (users, genres, movies)

Prints one JSON object with what each step saw, for the caller to check.
"""

import csv
import json
import os
import random
import sys
import time
import uuid

import boto3
from botocore.exceptions import ClientError

data_dir = os.environ["POC_DATA_DIR"]
poll_seconds = float(os.environ.get("POLL_SECONDS", "60"))
random.seed(int(os.environ.get("RANDOM_SEED", "7")))
report = {}


def wait_for(describe, key, terminal=("ACTIVE", "CREATE FAILED"), max_hours=6):
    """The notebooks' polling loop: describe until a terminal status; returns the last status."""
    max_time = time.time() + max_hours * 60 * 60
    status = None
    while time.time() < max_time:
        status = describe()[key]["status"]
        if status in terminal:
            break
        time.sleep(poll_seconds)
    return status


def wait_until_gone(describe):
    """Waits (as a person running notebook 06 cell by cell does) until a deleted resource is gone."""
    while True:
        try:
            describe()
        except ClientError as error:
            if error.response["Error"]["Code"] == "ResourceNotFoundException":
                return
            raise
        time.sleep(poll_seconds)


# ---------------------------------------------------------------- 01 interactions
personalize = boto3.client("personalize")
personalize_runtime = boto3.client("personalize-runtime")
region = boto3.Session().region_name

create_dataset_group_response = personalize.create_dataset_group(name="personalize-poc-movielens")
dataset_group_arn = create_dataset_group_response["datasetGroupArn"]
report["datasetGroup"] = wait_for(
    lambda: personalize.describe_dataset_group(datasetGroupArn=dataset_group_arn), "datasetGroup"
)

interactions_schema = {
    "type": "record",
    "name": "Interactions",
    "namespace": "com.amazonaws.personalize.schema",
    "fields": [
        {"name": "USER_ID", "type": "string"},
        {"name": "ITEM_ID", "type": "string"},
        {"name": "EVENT_TYPE", "type": "string"},
        {"name": "TIMESTAMP", "type": "long"},
    ],
    "version": "1.0",
}
create_schema_response = personalize.create_schema(
    name="personalize-poc-movielens-interactions", schema=json.dumps(interactions_schema)
)
interaction_schema_arn = create_schema_response["schemaArn"]

create_dataset_response = personalize.create_dataset(
    name="personalize-poc-movielens-ints",
    datasetType="INTERACTIONS",
    datasetGroupArn=dataset_group_arn,
    schemaArn=interaction_schema_arn,
)
interactions_dataset_arn = create_dataset_response["datasetArn"]
wait_for(lambda: personalize.describe_dataset(datasetArn=interactions_dataset_arn), "dataset")

s3 = boto3.client("s3")
account_id = boto3.client("sts").get_caller_identity().get("Account")
bucket_name = account_id + "-" + region + "-" + "personalizepocvod"
if region == "us-east-1":
    s3.create_bucket(Bucket=bucket_name)
else:
    s3.create_bucket(Bucket=bucket_name, CreateBucketConfiguration={"LocationConstraint": region})

interactions_filename = "interactions.csv"
boto3.Session().resource("s3").Bucket(bucket_name).Object(interactions_filename).upload_file(
    data_dir + "/" + interactions_filename
)

policy = {
    "Version": "2012-10-17",
    "Id": "PersonalizeS3BucketAccessPolicy",
    "Statement": [
        {
            "Sid": "PersonalizeS3BucketAccessPolicy",
            "Effect": "Allow",
            "Principal": {"Service": "personalize.amazonaws.com"},
            "Action": ["s3:*Object", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::{}".format(bucket_name), "arn:aws:s3:::{}/*".format(bucket_name)],
        }
    ],
}
s3.put_bucket_policy(Bucket=bucket_name, Policy=json.dumps(policy))

iam = boto3.client("iam")
role_name = "PersonalizeRolePOC"
assume_role_policy_document = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "personalize.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ],
}
create_role_response = iam.create_role(
    RoleName=role_name, AssumeRolePolicyDocument=json.dumps(assume_role_policy_document)
)
iam.attach_role_policy(RoleName=role_name, PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess")
iam.attach_role_policy(PolicyArn="arn:aws:iam::aws:policy/AmazonS3FullAccess", RoleName=role_name)
time.sleep(poll_seconds)  # the notebook waits a minute for the attachment to propagate
role_arn = create_role_response["Role"]["Arn"]

create_dataset_import_job_response = personalize.create_dataset_import_job(
    jobName="personalize-poc-import1",
    datasetArn=interactions_dataset_arn,
    dataSource={"dataLocation": "s3://{}/{}".format(bucket_name, interactions_filename)},
    roleArn=role_arn,
)
dataset_import_job_arn = create_dataset_import_job_response["datasetImportJobArn"]
report["interactionsImport"] = wait_for(
    lambda: personalize.describe_dataset_import_job(datasetImportJobArn=dataset_import_job_arn),
    "datasetImportJob",
)

# ---------------------------------------------------------------- 02 item metadata
itemmetadata_schema = {
    "type": "record",
    "name": "Items",
    "namespace": "com.amazonaws.personalize.schema",
    "fields": [
        {"name": "ITEM_ID", "type": "string"},
        {"name": "GENRE", "type": "string", "categorical": True},
        {"name": "YEAR", "type": "int"},
    ],
    "version": "1.0",
}
create_schema_response = personalize.create_schema(
    name="personalize-poc-movielens-item", schema=json.dumps(itemmetadata_schema)
)
itemmetadataschema_arn = create_schema_response["schemaArn"]
create_dataset_response = personalize.create_dataset(
    name="personalize-poc-movielens-items",
    datasetType="ITEMS",
    datasetGroupArn=dataset_group_arn,
    schemaArn=itemmetadataschema_arn,
)
items_dataset_arn = create_dataset_response["datasetArn"]
wait_for(lambda: personalize.describe_dataset(datasetArn=items_dataset_arn), "dataset")

itemmetadata_filename = "item-meta.csv"
boto3.Session().resource("s3").Bucket(bucket_name).Object(itemmetadata_filename).upload_file(
    data_dir + "/" + itemmetadata_filename
)
create_dataset_import_job_response = personalize.create_dataset_import_job(
    jobName="personalize-poc-item-import1",
    datasetArn=items_dataset_arn,
    dataSource={"dataLocation": "s3://{}/{}".format(bucket_name, itemmetadata_filename)},
    roleArn=role_arn,
)
dataset_import_job_arn = create_dataset_import_job_response["datasetImportJobArn"]
report["itemsImport"] = wait_for(
    lambda: personalize.describe_dataset_import_job(datasetImportJobArn=dataset_import_job_arn),
    "datasetImportJob",
)
report["itemsImportFailure"] = personalize.describe_dataset_import_job(
    datasetImportJobArn=dataset_import_job_arn
)["datasetImportJob"].get("failureReason")

# ---------------------------------------------------------------- 03 solutions
report["recipes"] = sorted(recipe["name"] for recipe in personalize.list_recipes()["recipes"])
solution_arns = {}
solution_version_arns = {}
for key, name, recipe in [
    ("userpersonalization", "personalize-poc-userpersonalization", "aws-user-personalization"),
    ("sims", "personalize-poc-sims", "aws-sims"),
    ("rerank", "personalize-poc-rerank", "aws-personalized-ranking"),
]:
    create_solution_response = personalize.create_solution(
        name=name, datasetGroupArn=dataset_group_arn, recipeArn="arn:aws:personalize:::recipe/" + recipe
    )
    solution_arns[key] = create_solution_response["solutionArn"]
    solution_version_arns[key] = personalize.create_solution_version(solutionArn=solution_arns[key])[
        "solutionVersionArn"
    ]

version_status = {
    arn: wait_for(
        lambda arn=arn: personalize.describe_solution_version(solutionVersionArn=arn),
        "solutionVersion",
        max_hours=10,
    )
    for arn in solution_version_arns.values()
}
report["versions"] = {key: version_status[arn] for key, arn in solution_version_arns.items()}
report["metrics"] = {
    key: sorted(personalize.get_solution_metrics(solutionVersionArn=arn)["metrics"].keys())
    for key, arn in solution_version_arns.items()
}

# ---------------------------------------------------------------- 04 campaigns and filters
personalize_events = boto3.client(service_name="personalize-events")
campaign_arns = {}
for key, name in [
    ("userpersonalization", "personalize-poc-userpersonalization"),
    ("sims", "personalize-poc-SIMS"),
    ("rerank", "personalize-poc-rerank"),
]:
    campaign_arns[key] = personalize.create_campaign(
        name=name, solutionVersionArn=solution_version_arns[key], minProvisionedTPS=1
    )["campaignArn"]
report["campaigns"] = {
    key: wait_for(lambda arn=arn: personalize.describe_campaign(campaignArn=arn), "campaign", max_hours=3)
    for key, arn in campaign_arns.items()
}
userpersonalization_campaign_arn = campaign_arns["userpersonalization"]
sims_campaign_arn = campaign_arns["sims"]
rerank_campaign_arn = campaign_arns["rerank"]

with open(data_dir + "/item-meta.csv", newline="") as items_file:
    items_rows = list(csv.DictReader(items_file))
genre_val_list = []
for val in sorted({row["GENRE"] for row in items_rows}):
    if "|" in val:
        genre_val_list.extend(val.split("|"))
    elif "(" in val:
        pass
    else:
        genre_val_list.append(val)
genres_to_filter = random.sample(sorted(set(genre_val_list) - {"(no genres listed)"}), 7)
meta_filter_arns = []


def create_genre_filter(genre):
    """The notebook's create_filter for one genre; once more after a pause on LimitExceededException."""
    def create():
        return personalize.create_filter(
            name=genre,
            datasetGroupArn=dataset_group_arn,
            filterExpression='INCLUDE ItemID WHERE Items.GENRE IN ("' + genre + '")',
        )

    try:
        return create()
    except ClientError as error:
        if error.response["Error"]["Code"] != "LimitExceededException":
            raise
        time.sleep(poll_seconds * 2)
        return create()


for genre in genres_to_filter:
    meta_filter_arns.append(create_genre_filter(genre)["filterArn"])

createwatchedfilter_response = personalize.create_filter(
    name="watched",
    datasetGroupArn=dataset_group_arn,
    filterExpression='INCLUDE ItemID WHERE Interactions.event_type IN ("watch")',
)
createunwatchedfilter_response = personalize.create_filter(
    name="unwatched",
    datasetGroupArn=dataset_group_arn,
    filterExpression='EXCLUDE ItemID WHERE Interactions.event_type IN ("watch")',
)
createdecadefilter_response = personalize.create_filter(
    name="1970s",
    datasetGroupArn=dataset_group_arn,
    filterExpression="INCLUDE ItemID WHERE Items.YEAR >= 1970 AND Items.YEAR < 1980",
)
interaction_filter_arns = [createwatchedfilter_response["filterArn"], createunwatchedfilter_response["filterArn"]]
decade_filter_arns = [createdecadefilter_response["filterArn"]]
all_filters = meta_filter_arns + interaction_filter_arns + decade_filter_arns
report["filters"] = sorted(
    wait_for(lambda arn=arn: personalize.describe_filter(filterArn=arn), "filter") for arn in all_filters
)

# ---------------------------------------------------------------- 05 interacting
genre_of = {row["ITEM_ID"]: row["GENRE"].split("|") for row in items_rows}
year_of = {row["ITEM_ID"]: row["YEAR"] for row in items_rows}

get_recommendations_response = personalize_runtime.get_recommendations(
    campaignArn=sims_campaign_arn, itemId=str(589)
)
report["simsFor589"] = [item["itemId"] for item in get_recommendations_response["itemList"]]

users = random.sample(range(1, 600), 3)
report["users"] = [str(user) for user in users]
report["userRecommendations"] = {}
for user in users:
    response = personalize_runtime.get_recommendations(campaignArn=userpersonalization_campaign_arn, userId=str(user))
    report["userRecommendations"][str(user)] = [item["itemId"] for item in response["itemList"]]

user = users[-1]
report["shelves"] = {}
for filter_arn in meta_filter_arns + decade_filter_arns:
    response = personalize_runtime.get_recommendations(
        campaignArn=userpersonalization_campaign_arn, userId=str(user), filterArn=filter_arn
    )
    report["shelves"][filter_arn.split("/")[1]] = [item["itemId"] for item in response["itemList"]]
report["genresOfShelves"] = {
    name: [genre_of.get(item, []) for item in items] for name, items in report["shelves"].items()
}
report["yearsOf1970s"] = [year_of.get(item, "") for item in report["shelves"]["1970s"]]

response = personalize.create_event_tracker(name="MovieTracker", datasetGroupArn=dataset_group_arn)
TRACKING_ID = response["trackingId"]
event_tracker_arn = response["eventTrackerArn"]
report["eventTracker"] = wait_for(
    lambda: personalize.describe_event_tracker(eventTrackerArn=event_tracker_arn), "eventTracker"
)

session_dict = {}


def send_movie_click(USER_ID, ITEM_ID, EVENT_TYPE):
    """Notebook 05's event sender: one event per call, itemId inside properties."""
    try:
        session_ID = session_dict[str(USER_ID)]
    except KeyError:
        session_dict[str(USER_ID)] = str(uuid.uuid1())
        session_ID = session_dict[str(USER_ID)]
    event = {"itemId": str(ITEM_ID)}
    event_json = json.dumps(event)
    personalize_events.put_events(
        trackingId=TRACKING_ID,
        userId=str(USER_ID),
        sessionId=session_ID,
        eventList=[{"sentAt": int(time.time()), "eventType": str(EVENT_TYPE), "properties": event_json}],
    )


user_id = user
before = personalize_runtime.get_recommendations(campaignArn=userpersonalization_campaign_arn, userId=str(user_id))
movies = random.sample([row["ITEM_ID"] for row in items_rows], 3)
for movie in movies:
    send_movie_click(USER_ID=user_id, ITEM_ID=movie, EVENT_TYPE="click")
after = personalize_runtime.get_recommendations(campaignArn=userpersonalization_campaign_arn, userId=str(user_id))
report["changedAfterClicks"] = [i["itemId"] for i in before["itemList"]] != [i["itemId"] for i in after["itemList"]]

filter_arn = createunwatchedfilter_response["filterArn"]
top_unwatched_recommendations_response = personalize_runtime.get_recommendations(
    campaignArn=userpersonalization_campaign_arn, userId=str(user_id), filterArn=filter_arn, numResults=4
)
report["sentWatched"] = [item["itemId"] for item in top_unwatched_recommendations_response["itemList"]]
for item in top_unwatched_recommendations_response["itemList"]:
    send_movie_click(USER_ID=user_id, ITEM_ID=item["itemId"], EVENT_TYPE="watch")
report["interactionShelves"] = {}
for filter_arn in interaction_filter_arns:
    response = personalize_runtime.get_recommendations(
        campaignArn=userpersonalization_campaign_arn, userId=str(user), filterArn=filter_arn
    )
    report["interactionShelves"][filter_arn.split("/")[1]] = [item["itemId"] for item in response["itemList"]]

rerank_user = user
rerank_items = random.sample([row["ITEM_ID"] for row in items_rows], 25)
get_recommendations_response_rerank = personalize_runtime.get_personalized_ranking(
    campaignArn=rerank_campaign_arn, userId=str(rerank_user), inputList=[str(item) for item in rerank_items]
)
report["rerankInput"] = rerank_items
report["reranked"] = [item["itemId"] for item in get_recommendations_response_rerank["personalizedRanking"]]

json_input_filename = "json_input.json"
work_dir = os.environ.get("WORK_DIR", data_dir)
with open(work_dir + "/" + json_input_filename, "w") as json_input:
    for user_id in users:
        json_input.write('{"userId": "' + str(user_id) + '"}\n')
boto3.Session().resource("s3").Bucket(bucket_name).Object(json_input_filename).upload_file(
    work_dir + "/" + json_input_filename
)
s3_input_path = "s3://" + bucket_name + "/" + json_input_filename
s3_output_path = "s3://" + bucket_name + "/"
batchInferenceJobArn = personalize.create_batch_inference_job(
    solutionVersionArn=solution_version_arns["userpersonalization"],
    jobName="VOD-POC-Batch-Inference-Job-UserPersonalization_" + str(round(time.time() * 1000)),
    roleArn=role_arn,
    jobInput={"s3DataSource": {"path": s3_input_path}},
    jobOutput={"s3DataDestination": {"path": s3_output_path}},
)["batchInferenceJobArn"]
report["batchJob"] = wait_for(
    lambda: personalize.describe_batch_inference_job(batchInferenceJobArn=batchInferenceJobArn), "batchInferenceJob"
)
export_name = json_input_filename + ".out"
s3.download_file(bucket_name, export_name, work_dir + "/" + export_name)
with open(work_dir + "/" + export_name) as json_file:
    report["batchOutput"] = [json.loads(line) for line in json_file if line.strip()]

# ---------------------------------------------------------------- 06 clean up
for arn in campaign_arns.values():
    personalize.delete_campaign(campaignArn=arn)
for arn in campaign_arns.values():
    wait_until_gone(lambda arn=arn: personalize.describe_campaign(campaignArn=arn))
personalize.delete_event_tracker(eventTrackerArn=event_tracker_arn)
for filter_arn in all_filters:
    personalize.delete_filter(filterArn=filter_arn)
wait_until_gone(lambda: personalize.describe_event_tracker(eventTrackerArn=event_tracker_arn))
for filter_arn in all_filters:
    wait_until_gone(lambda arn=filter_arn: personalize.describe_filter(filterArn=arn))
for arn in solution_arns.values():
    personalize.delete_solution(solutionArn=arn)
for arn in solution_arns.values():
    wait_until_gone(lambda arn=arn: personalize.describe_solution(solutionArn=arn))
personalize.delete_dataset(datasetArn=items_dataset_arn)
personalize.delete_dataset(datasetArn=interactions_dataset_arn)
for arn in (items_dataset_arn, interactions_dataset_arn):
    wait_until_gone(lambda arn=arn: personalize.describe_dataset(datasetArn=arn))
personalize.delete_schema(schemaArn=interaction_schema_arn)
personalize.delete_schema(schemaArn=itemmetadataschema_arn)
personalize.delete_dataset_group(datasetGroupArn=dataset_group_arn)
wait_until_gone(lambda: personalize.describe_dataset_group(datasetGroupArn=dataset_group_arn))
report["attachedPolicies"] = sorted(
    policy["PolicyArn"] for policy in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
)
iam.detach_role_policy(RoleName=role_name, PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess")
iam.detach_role_policy(RoleName=role_name, PolicyArn="arn:aws:iam::aws:policy/AmazonS3FullAccess")
iam.delete_role(RoleName=role_name)
report["remainingDatasetGroups"] = len(personalize.list_dataset_groups()["datasetGroups"])

json.dump(report, sys.stdout)
