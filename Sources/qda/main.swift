print("qda")
