"""Closing the network (step 4): the evaluation forms and their summary. No textual."""
