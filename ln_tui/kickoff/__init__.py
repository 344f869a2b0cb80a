"""The kickoff meeting (step 2): the live board of introductions, questions, expectations and agreements. No textual."""
