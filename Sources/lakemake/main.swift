print("lakemake")
