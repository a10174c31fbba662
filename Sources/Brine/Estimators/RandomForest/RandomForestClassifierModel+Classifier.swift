extension RandomForestClassifierModel: Classifier {}
