import type { Example } from "./types";

export const kedroTraining: Example = {
  slug: "kedro-training",
  title: "Kedro model training",
  description: "Clean two raw tables, join them into a feature table, split, train and evaluate a price model.",
  framework: "Kedro",
  dialect: "kedro",
  code: `import pandas as pd
from kedro.pipeline import Pipeline, node, pipeline
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split


def clean_listings(listings: pd.DataFrame) -> pd.DataFrame:
    return listings.dropna(subset=["price"])


def clean_hosts(hosts: pd.DataFrame) -> pd.DataFrame:
    return hosts.drop_duplicates("host_id")


def build_features(listings: pd.DataFrame, hosts: pd.DataFrame) -> pd.DataFrame:
    return listings.merge(hosts, on="host_id")


def split_data(features: pd.DataFrame, parameters: dict):
    x = features[parameters["columns"]]
    return train_test_split(x, features["price"], test_size=parameters["test_size"])


def train_model(x_train: pd.DataFrame, y_train: pd.Series) -> LinearRegression:
    return LinearRegression().fit(x_train, y_train)


def evaluate_model(model: LinearRegression, x_test: pd.DataFrame, y_test: pd.Series) -> dict:
    return {"r2": model.score(x_test, y_test)}


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline(
        [
            node(clean_listings, "raw_listings", "listings", name="clean_listings"),
            node(clean_hosts, "raw_hosts", "hosts", name="clean_hosts"),
            node(build_features, ["listings", "hosts"], "features", name="build_features"),
            node(
                func=split_data,
                inputs=["features", "params:model_options"],
                outputs=["x_train", "x_test", "y_train", "y_test"],
                name="split_data",
            ),
            node(train_model, ["x_train", "y_train"], "regressor", name="train_model"),
            node(
                func=evaluate_model,
                inputs=["regressor", "x_test", "y_test"],
                outputs="metrics",
                name="evaluate_model",
            ),
        ]
    )
`,
};
