extension RandomForestModel: Classifier {}
