"""Writes the perov_5 training and test lists for `matgrade compute cgcnn` from CDVAE's
perov_5 files (read at run time from ../shared/data/reference-only/perov5; never copied into
the repository): columns `cif,target`, target `heat_ref`, CDVAE's perov_5 property (heat of
formation, eV per 5-atom cell). val.csv is the training set, test.csv (its first --test-count
rows) the test set."""
import argparse
import csv
import os
import sys


def convert(source, destination, limit):
    csv.field_size_limit(sys.maxsize)
    count = 0
    with open(source, newline="") as handle, open(destination, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["cif", "target"])
        for row in csv.DictReader(handle):
            if limit is not None and count >= limit:
                break
            writer.writerow([row["cif"], row["heat_ref"]])
            count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", required=True, help="the folder holding perov_5's val.csv and test.csv")
    parser.add_argument("--out", required=True)
    parser.add_argument("--train-count", type=int, default=None)
    parser.add_argument("--test-count", type=int, default=None)
    args = parser.parse_args()
    train = convert(os.path.join(args.source, "val.csv"), os.path.join(args.out, "train.csv"), args.train_count)
    test = convert(os.path.join(args.source, "test.csv"), os.path.join(args.out, "test.csv"), args.test_count)
    print(f"perov_5: {train} training, {test} test structures (target heat_ref, eV per cell)")


if __name__ == "__main__":
    main()
