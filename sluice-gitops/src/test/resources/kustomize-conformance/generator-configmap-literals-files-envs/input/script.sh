#!/bin/sh
echo "<hi> & bye"
